import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from budgeting.privacy.archive import personal_data_export
from core.backup.files import open_private
from core.models import User


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Schreibt die Datenauskunft (Art. 15 DSGVO) einer Person als ZIP-Datei – für "
            "Anfragen, die nicht über das Portal kommen (z. B. von Beschäftigten)."
        )

    def add_arguments(self, parser):
        parser.add_argument("--email", required=True, help=_("E-Mail-Adresse der Person"))
        parser.add_argument("--output", required=True, help=_("Pfad der ZIP-Datei, die entsteht"))

    def handle(self, *args, email, output, **options):
        person = User.objects.filter(email__iexact=email).first()
        if person is None:
            raise CommandError(_("Keine Person mit dieser E-Mail-Adresse."))
        archive = personal_data_export(person=person, actor=None)
        path = Path(output)
        with archive.file, open_private(path) as target:
            shutil.copyfileobj(archive.file, target)
        self.stdout.write(_("Datenauskunft geschrieben: %(path)s") % {"path": path})
