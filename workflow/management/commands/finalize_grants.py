from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.services.grant import grants_finalize_due


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Setzt bewilligte Anträge auf bestandskräftig, deren Rechtsbehelfsfrist abgelaufen "
            "ist. Täglich ausführen (z. B. per cron)."
        )

    def handle(self, *args, **options):
        finalized = grants_finalize_due(today=timezone.localdate())
        for application in finalized:
            self.stdout.write(
                _("%(reference)s ist bestandskräftig.") % {"reference": application.reference}
            )
        self.stdout.write(_("%(count)s Bescheide bestandskräftig.") % {"count": len(finalized)})
