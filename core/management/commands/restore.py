from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.utils.translation import gettext as _

from core.backup import BackupError
from core.backup.restore import archive_restore


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Stellt Datenbank und hochgeladene Dateien aus einem Archiv von „manage.py backup“ "
            "wieder her, nachdem Herkunft und Prüfsummen geprüft sind."
        )

    def add_arguments(self, parser):
        parser.add_argument("archive", help=_("die Archivdatei (.tar.gz)"))
        parser.add_argument(
            "--force",
            "--yes",
            action="store_true",
            dest="force",
            help=_("eine nicht leere Datenbank und MEDIA_ROOT überschreiben"),
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("Datenbank-Alias"))

    def handle(self, *args, archive, force, database, **options):
        source = Path(archive)
        if not source.is_file():
            raise CommandError(_("Archiv nicht gefunden: %(path)s") % {"path": source})
        try:
            manifest = archive_restore(
                source=source,
                connection=connections[database],
                media_root=Path(settings.MEDIA_ROOT),
                force=force,
            )
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Wiederhergestellt: Sicherung vom %(created)s (%(tables)s Tabellen). "
                    "Falls der Code neuer ist: python manage.py migrate"
                )
                % {"created": manifest["created_at"], "tables": len(manifest["tables"])}
            )
        )
