"""The house: production settings pass the deploy check; old Pythons get a clear message."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(args, **env):
    environment = {**os.environ, "DATABASE_URL": "", **env}
    return subprocess.run(args, cwd=ROOT, env=environment, capture_output=True, text=True)


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = run(
        [
            sys.executable,
            "-W",
            "error",
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="foerdertal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = run(
        [sys.executable, "manage.py", "check"],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="",
    )
    assert result.returncode != 0
    assert "SECRET_KEY muss gesetzt sein" in result.stderr


def test_make_stops_with_a_clear_message_on_an_old_python(tmp_path):
    old_python = tmp_path / "python3.11"
    old_python.write_text('#!/bin/sh\n[ "$1" = "--version" ] && echo "Python 3.11.7"\nexit 1\n')
    old_python.chmod(0o755)
    result = run(["make", "--no-print-directory", "check-python", f"PYTHON={old_python}"])
    assert result.returncode != 0
    assert "Fördertal braucht Python >= 3.12 (gefunden: Python 3.11.7)" in result.stdout
