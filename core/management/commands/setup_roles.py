from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.services import roles_ensure


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _("Legt die Rollengruppen mit ihren Rechten an (kann beliebig oft laufen).")

    def handle(self, *args, **options):
        groups = roles_ensure()
        self.stdout.write(
            self.style.SUCCESS(
                _("Rollengruppen eingerichtet: %(names)s.") % {"names": ", ".join(groups)}
            )
        )
