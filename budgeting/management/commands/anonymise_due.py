from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from budgeting.privacy.selectors import persons_due
from budgeting.privacy.services import person_anonymise
from core.errors import NotAllowed


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Anonymisiert jede Person, deren Datensätze alle ihre Aufbewahrungsfrist hinter "
            "sich haben (RETENTION_YEARS in config/settings/privacy.py)."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=_("nur anzeigen, wer anonymisiert würde; nichts ändern"),
        )

    def handle(self, *args, dry_run, **options):
        today = timezone.localdate()
        due = persons_due(today)
        done = 0
        for entry in due:
            person = entry.person
            if dry_run:
                self.stdout.write(
                    _("würde anonymisiert: Person %(id)s (%(records)s Datensätze)")
                    % {"id": person.pk, "records": len(entry.records)}
                )
                continue
            try:
                person_anonymise(person=person, actor=None, today=today)
            except NotAllowed as refusal:
                self.stderr.write(
                    _("Person %(id)s: %(reason)s") % {"id": person.pk, "reason": refusal}
                )
            else:
                done += 1
                self.stdout.write(_("anonymisiert: Person %(id)s") % {"id": person.pk})
        summary = (
            _("%(count)s Person(en) fällig.")
            if dry_run
            else _("%(count)s Person(en) anonymisiert.")
        )
        self.stdout.write(self.style.SUCCESS(summary % {"count": len(due) if dry_run else done}))
