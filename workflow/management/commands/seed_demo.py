from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from grants.demo import demo_data_exists
from workflow.demo import cases_seed


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Legt Demodaten an: Rollen, Personen, Förderprogramme, Aufrufe, Organisationen, "
            "Haushaltsstellen und Anträge in jedem Stand des Verfahrens. Mehrfaches Ausführen "
            "legt nichts doppelt an."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help=_("Nichts tun, wenn schon eine Organisation gespeichert ist."),
        )

        parser.add_argument(
            "--force",
            action="store_true",
            help=_("Auch ohne DEBUG ausführen (die Demo-Zugänge haben das Passwort „demo“)."),
        )

    def handle(self, *args, if_empty=False, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                _(
                    "Demodaten nur in der Entwicklung (DEBUG): die Demo-Zugänge haben das "
                    "Passwort „demo“. Mit --force trotzdem anlegen."
                )
            )
        if if_empty and demo_data_exists():
            self.stdout.write(
                _("Es sind bereits Organisationen gespeichert; es werden keine Demodaten angelegt.")
            )
            return
        summary, budget_lines = cases_seed()
        if not summary.created_anything and not budget_lines:
            self.stdout.write(_("Die Demodaten sind bereits vollständig vorhanden."))
            return
        self.stdout.write(self.style.SUCCESS(_("Demodaten angelegt:")))
        for label, count in (
            (_("Personen"), summary.users),
            (_("Organisationen"), summary.organisations),
            (_("Förderprogramme"), summary.programmes),
            (_("Indikatoren im Katalog"), summary.indicators),
            (_("Förderaufrufe"), summary.calls),
            (_("Anträge"), summary.applications),
            (_("davon eingereicht"), summary.submitted),
            (_("Projektideen"), summary.ideas),
            (_("Haushaltsstellen"), budget_lines),
        ):
            self.stdout.write(f"  {label}: {count}")
