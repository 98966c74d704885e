"""PostgreSQL: pg_dump in its custom format; the restore drops the tables and loads the dump
in one transaction (all or nothing). The connection comes from DATABASES."""

import os
import subprocess
from pathlib import Path

from django.db.backends.postgresql.client import DatabaseClient
from django.utils.translation import gettext as _

from core.backup import BackupError

FILENAME = "database.pgdump"


def _command(program: str, settings_dict: dict, extra: list[str]) -> tuple[list[str], dict]:
    """Host, port, user, password, SSL and service settings as Django's dbshell passes them."""
    args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    flags = args[1:-1] if settings_dict.get("NAME") else args[1:]
    return [program, *flags, *extra], {**os.environ, **(env or {})}


def _name(settings_dict) -> list[str]:
    return [settings_dict["NAME"]] if settings_dict.get("NAME") else []


def _run(args, env, **kwargs) -> None:
    try:
        subprocess.run(args, env=env, check=True, capture_output=True, **kwargs)  # noqa: S603
    except FileNotFoundError:
        raise BackupError(
            _("%(program)s fehlt; bitte die PostgreSQL-Clientprogramme installieren.")
            % {"program": args[0]}
        ) from None
    except subprocess.CalledProcessError as error:
        raise BackupError(
            _("%(program)s ist fehlgeschlagen: %(error)s")
            % {"program": args[0], "error": error.stderr.decode(errors="replace").strip()}
        ) from None


def dump(connection, target: Path) -> None:
    settings_dict = connection.settings_dict
    options = ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"]
    args, env = _command("pg_dump", settings_dict, [*options, *_name(settings_dict)])
    _run(args, env)


def load(connection, source: Path) -> None:
    settings_dict = connection.settings_dict
    tables = connection.introspection.table_names()
    connection.close()
    drop = []
    if tables:
        names = ", ".join(connection.ops.quote_name(table) for table in tables)
        drop = ["-c", f"DROP TABLE IF EXISTS {names} CASCADE;"]
    script = subprocess.Popen(  # noqa: S603
        ["pg_restore", "--no-owner", "--no-privileges", "--file=-", str(source)],  # noqa: S607
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    psql = ["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1"]
    args, env = _command("psql", settings_dict, [*psql, *drop, "-f", "-", *_name(settings_dict)])
    try:
        _run(args, env, stdin=script.stdout)  # psql's error comes first, if there is one
    finally:
        script.stdout.close()
        with script.stderr:
            errors = script.stderr.read().decode(errors="replace").strip()
        code = script.wait()
    if code != 0:
        raise BackupError(_("pg_restore ist fehlgeschlagen: %(error)s") % {"error": errors})
