from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.reminders import reminders_send


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Verschickt die Erinnerungen des Tages (Nachweise, Rückforderungen). Täglich ausführen."
        )

    def handle(self, *args, **options):
        sent = reminders_send(today=timezone.localdate())
        self.stdout.write(_("%(count)s Erinnerungen verschickt.") % {"count": sent})
