from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from budgeting.opendata.flatten import write_csv
from budgeting.opendata.giving360 import package
from budgeting.opendata.jsonout import dumps
from budgeting.opendata.selectors import published_grants


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Schreibt die veröffentlichten Förderungen als offene Daten im Standard 360Giving "
            "(JSON-Paket oder CSV)."
        )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help=_("Pfad der Datei, die entsteht"))
        parser.add_argument(
            "--format",
            dest="file_format",
            choices=["json", "csv"],
            default="json",
            help=_("Dateiformat (Standard: json)"),
        )

    def handle(self, *args, output, file_format, **options):
        data = package(published_grants())
        if not data["grants"]:
            # The 360Giving package schema needs at least one grant.
            raise CommandError(_("Keine veröffentlichten Förderungen – keine Datei geschrieben."))
        path = Path(output)
        if file_format == "csv":
            with path.open("w", encoding="utf-8", newline="") as stream:
                write_csv(data["grants"], stream)
        else:
            path.write_text(dumps(data), encoding="utf-8")
        count = len(data["grants"])
        message = ngettext(
            "%(count)d Förderung im Format %(format)s geschrieben: %(path)s",
            "%(count)d Förderungen im Format %(format)s geschrieben: %(path)s",
            count,
        )
        self.stdout.write(message % {"count": count, "format": file_format.upper(), "path": output})
