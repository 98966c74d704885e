from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from grants.demo.second_factor import demo_code


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _("Zeigt den aktuellen Zwei-Faktor-Code der Demo-Mitarbeitenden an.")

    def handle(self, *args, **options):
        self.stdout.write(demo_code())
