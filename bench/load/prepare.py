"""Steps of `make load` that need Python (bench/load/run.sh calls them in this order).

    prepare.py database          drop and create the database of DATABASE_URL (its name must
                                 contain "load": this step deletes it)
    prepare.py static            collectstatic, skipped when nothing changed since the last run
    prepare.py accounts FILE     write the demo logins for the locustfile to FILE (JSON): the
                                 applicants, and the staff with the key of their confirmed
                                 TOTP device (one is created where a person has none)

The environment names the settings (DJANGO_SETTINGS_MODULE) and the database (DATABASE_URL).
"""

import hashlib
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def database() -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql

    config = dj_database_url.parse(os.environ["DATABASE_URL"])
    name = config["NAME"]
    if "load" not in name:
        sys.exit(f"Refusing to drop {name!r}: the load test's database name contains 'load'.")
    server = {
        "host": config.get("HOST") or None,
        "port": config.get("PORT") or None,
        "user": config.get("USER") or None,
        "password": config.get("PASSWORD") or None,
    }
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    print(f"database {name} created afresh")


def _django():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def static() -> None:
    """collectstatic (the hashed, compressed files of production) when the sources changed:
    compressing viewflow's files takes minutes on two cores."""
    _django()
    from django.apps import apps
    from django.conf import settings
    from django.contrib.staticfiles.finders import get_finders
    from django.core.management import call_command

    digest = hashlib.sha256(repr(settings.STORAGES["staticfiles"]).encode())
    for finder in get_finders():
        for path, storage in finder.list(apps.get_app_config("staticfiles").ignore_patterns):
            stat = os.stat(storage.path(path))
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    root = Path(settings.STATIC_ROOT)
    stamp, manifest = root / ".load-fingerprint", root / "staticfiles.json"
    if manifest.exists() and stamp.exists() and stamp.read_text() == digest.hexdigest():
        print(f"static files in {root} are current")
        return
    call_command("collectstatic", interactive=False, verbosity=1)
    stamp.write_text(digest.hexdigest())


def accounts(target: str) -> None:
    _django()
    from django.contrib.auth import get_user_model
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from core.login.devices import DEVICE_NAME, confirmed_device
    from core.roles import APPLICANT, APPROVER, CASEWORKER, FINANCE, REVIEWER
    from grants.demo import DEMO_PASSWORD
    from grants.demo.logins import demo_logins

    # The staff roles of the scenario; Administration works in /admin/ only.
    staff_roles = (CASEWORKER, FINANCE, APPROVER, REVIEWER)
    users = get_user_model().objects
    applicants, staff, created = [], [], 0
    for login in demo_logins():
        user = users.filter(email=login.email, is_active=True).first()
        if user is None:
            sys.exit(f"{login.email} is missing: did seed_demo run?")
        if login.role == APPLICANT:
            applicants.append(login.email)
            continue
        if login.role not in staff_roles:
            continue
        device = confirmed_device(user)
        if device is None:
            device = TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=True)
            created += 1
        staff.append(
            {
                "email": login.email,
                "role": login.role,
                "key": device.key,
                "step": device.step,
                "t0": device.t0,
                "digits": device.digits,
            }
        )
    data = {"password": DEMO_PASSWORD, "applicants": applicants, "staff": staff}
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    Path(target).write_text(json.dumps(data, indent=2))
    print(
        f"{len(applicants)} applicant and {len(staff)} staff logins written to {target}"
        f" ({created} TOTP devices created, {len(staff) - created} existing)"
    )


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    steps = {"database": database, "static": static, "accounts": accounts}
    if command not in steps:
        sys.exit(__doc__)
    steps[command](*args)
