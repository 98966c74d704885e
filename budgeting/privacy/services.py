"""Anonymise a person once the retention period of every record about them has run.

Nothing is deleted: the user row keeps its id, so the audit trail and the ledger (both
append-only) still point at it and every figure stays as it was."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Organisation
from applicants.privacy.anonymise import invitations_anonymise, organisation_contact_anonymise
from budgeting.privacy.records import application_retentions
from budgeting.privacy.selectors import person_retention
from core.audit import audit_record
from core.errors import NotAllowed
from core.models import User
from core.privacy.anonymise import is_anonymised, user_anonymise_row
from grants.models import Application
from grants.privacy.anonymise import attachment_names_anonymise


class NotDue(NotAllowed):
    """A retention period still runs; `reasons` says which, one sentence each."""

    def __init__(self, reasons: list[str]):
        self.reasons = reasons
        super().__init__(" ".join(reasons))


@dataclass(frozen=True)
class Anonymisation:
    person: User
    organisations: list[int]
    invitations: int
    attachments: int


def organisation_is_due(organisation: Organisation, today: date) -> bool:
    """Every application of the organisation is past its retention period."""
    retentions = application_retentions(Application.objects.filter(organisation=organisation))
    return all(retention.is_due(today) for retention in retentions.values())


@transaction.atomic
def person_anonymise(*, person: User, actor, today: date | None = None) -> Anonymisation:
    """Anonymise the person, or refuse with the reasons (NotDue) while a period runs."""
    today = today or timezone.localdate()
    person = User.objects.select_for_update().get(pk=person.pk)
    if is_anonymised(person):
        raise NotAllowed(_("Diese Person ist bereits anonymisiert."))
    retention = person_retention(person)
    if not retention.is_due(today):
        raise NotDue(retention.reasons(today))
    candidates = Organisation.objects.filter(
        Q(memberships__user=person) | Q(contact_email__iexact=person.email)
    ).distinct()
    organisations = [
        organisation.pk
        for organisation in candidates
        if organisation_is_due(organisation, today)
        and organisation_contact_anonymise(organisation=organisation, person=person)
    ]
    invitations = invitations_anonymise(email=person.email, user_id=person.pk)
    attachments = attachment_names_anonymise(person=person)
    user_anonymise_row(user=person)
    result = Anonymisation(person, organisations, invitations, attachments)
    audit_record(
        actor=actor,
        action="core.person.anonymised",
        obj=person,
        after={
            "records": len(retention.records),
            "organisations": organisations,
            "invitations": invitations,
            "attachments": attachments,
        },
    )
    return result
