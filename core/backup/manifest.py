"""What an archive says about itself: when, which versions, which migrations, how many rows."""

from importlib.metadata import PackageNotFoundError, version

import django
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

FORMAT = "foerdertal-backup-1"


def _app_version() -> str:
    try:
        return version("foerdertal")
    except PackageNotFoundError:
        return "unbekannt"


def applied_migrations(connection) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connection).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


def unknown_migrations(manifest: dict) -> list[str]:
    """Migrations of the archive that this code does not have (the data is newer)."""
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [
        f"{app}.{name}"
        for app, names in manifest.get("migrations", {}).items()
        for name in names
        if (app, name) not in known
    ]


def row_counts(connection) -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def manifest_build(connection, *, database_file: str, files: dict[str, dict]) -> dict:
    return {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "django_version": django.get_version(),
        "app_version": _app_version(),
        "vendor": connection.vendor,
        "database": {"file": database_file, "name": str(connection.settings_dict.get("NAME"))},
        "migrations": applied_migrations(connection),
        "tables": row_counts(connection),
        "files": files,
    }
