from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from budgeting.exports.budget_sheet import budget_sheet_xlsx


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _("Schreibt die Haushaltsübersicht eines Jahres als Excel-Datei.")

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, default=timezone.localdate().year)
        parser.add_argument("--output", required=True)

    def handle(self, *args, year, output, **options):
        Path(output).write_bytes(budget_sheet_xlsx(year))
        self.stdout.write(
            _("Haushaltsübersicht %(year)s geschrieben: %(path)s") % {"year": year, "path": output}
        )
