from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.delivery.services import notices_provision_end_due
from workflow.grant import grants_finalize_due


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Beendet die Bereitstellung nicht abgerufener Bescheide im Portal (die "
            "Sachbearbeitung erhält eine E-Mail) und setzt bewilligte Anträge auf "
            "bestandskräftig, deren Rechtsbehelfsfrist abgelaufen ist. Täglich ausführen "
            "(z. B. per cron)."
        )

    def handle(self, *args, **options):
        today = timezone.localdate()
        for notice in notices_provision_end_due(today=today):
            self.stdout.write(
                _("%(reference)s: Bescheid nicht abgerufen, bitte per Post zustellen.")
                % {"reference": notice.application.reference}
            )
        finalized = grants_finalize_due(today=today)
        for application in finalized:
            self.stdout.write(
                _("%(reference)s ist bestandskräftig.") % {"reference": application.reference}
            )
        self.stdout.write(_("%(count)s Bescheide bestandskräftig.") % {"count": len(finalized)})
