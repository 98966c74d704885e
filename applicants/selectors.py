"""Reads of the applicants app."""

import datetime

from django.utils import timezone

from applicants.models import (
    BankAccountChange,
    BankAccountChangeStatus,
    Invitation,
    Membership,
    Organisation,
)
from core.models import AuditEntry

PHONE_CHANGE_WARNING_DAYS = 90


def memberships_of(user) -> list[Membership]:
    """The user's memberships with their organisations, in one query."""
    if not user.is_authenticated:
        return []
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    # administered organisations first: the default one a person acts for
    return list(memberships.order_by("role", "organisation__name"))


def organisation_members(organisation: Organisation):
    return Membership.objects.filter(organisation=organisation).select_related("user")


def organisation_open_invitations(organisation: Organisation):
    return Invitation.objects.filter(organisation=organisation).valid()


def organisation_with_details(pk: int) -> Organisation:
    return Organisation.objects.select_related("district", "bank_account").get(pk=pk)


def pending_bank_account_change(organisation: Organisation) -> BankAccountChange | None:
    """The new account of the organisation that waits for confirmation, if any."""
    return (
        BankAccountChange.objects.filter(
            organisation=organisation, status=BankAccountChangeStatus.PENDING
        )
        .select_related("requested_by")
        .first()
    )


def pending_bank_account_changes() -> list[BankAccountChange]:
    """All changes waiting for confirmation, the oldest first, with the account on record and
    `phone_changed_at`: when the organisation's phone number last changed, if it did within
    PHONE_CHANGE_WARNING_DAYS (a number changed with the account is no number to call back)."""
    changes = list(
        BankAccountChange.objects.filter(status=BankAccountChangeStatus.PENDING)
        .select_related("organisation__bank_account", "requested_by")
        .order_by("requested_at", "pk")
    )
    since = timezone.now() - datetime.timedelta(days=PHONE_CHANGE_WARNING_DAYS)
    entries = AuditEntry.objects.filter(
        action="applicants.organisation.changed",
        object_type=Organisation._meta.label_lower,
        object_id__in=[str(change.organisation_id) for change in changes],
        created_at__gte=since,
    ).order_by("created_at", "pk")
    changed_at = {
        entry.object_id: entry.created_at
        for entry in entries
        if entry.before.get("contact_phone") != entry.after.get("contact_phone")
    }
    for change in changes:
        change.phone_changed_at = changed_at.get(str(change.organisation_id))
    return changes
