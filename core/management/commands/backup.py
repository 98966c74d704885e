from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from core.backup import BackupError
from core.backup.archive import archive_write


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Sichert die Datenbank (SQLite oder PostgreSQL) und die hochgeladenen Dateien "
            "(MEDIA_ROOT) in ein Archiv (.tar.gz) mit Manifest und Prüfsummen."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            default=".",
            help=_("Ordner (Dateiname nach Datum und Uhrzeit) oder Name der Archivdatei"),
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("Datenbank-Alias"))

    def handle(self, *args, output, database, **options):
        try:
            path, manifest = archive_write(
                connection=connections[database],
                media_root=Path(settings.MEDIA_ROOT),
                output=Path(output),
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _("Sicherung geschrieben: %(path)s (%(files)s Dateien, %(tables)s Tabellen)")
                % {
                    "path": path,
                    "files": len(manifest["files"]) - 1,
                    "tables": len(manifest["tables"]),
                }
            )
        )
