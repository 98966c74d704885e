"""Writes of the organisation's bank account: a change becomes usable only after a confirmation.

Payment diversion is the classic attack on grant systems (DOMAIN.md, bank details). The first
account of an organisation (at registration, or an organisation without one) is set directly,
audited; every later change is a pending `BankAccountChange` until a second administrator of the
organisation, or Finanzen after a call back on a known number, confirm it. Until then payouts go
to the account on record.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import (
    BankAccount,
    BankAccountChange,
    BankAccountChangeStatus,
    ConfirmationVia,
    Organisation,
)
from applicants.notifications import send_bank_change_mail
from applicants.permissions import (
    bank_change_co_admin_refusal,
    bank_change_reject_refusal,
    bank_change_staff_refusal,
    can_manage_organisation,
)
from core.audit import audit_record
from core.errors import NotAllowed
from core.sepa import sepa_text


def _account_data(account) -> dict:
    return {"holder": account.holder, "iban": account.iban} if account else {}


def bank_account_set_first(*, organisation: Organisation, user, holder: str, iban: str):
    """The organisation's first account, set without confirmation (nothing to redirect yet)."""
    account = BankAccount(organisation=organisation, holder=holder, iban=iban)
    account.full_clean()
    account.save()
    audit_record(
        actor=user,
        action="applicants.bank_account.set",
        obj=organisation,
        after=_account_data(account),
    )
    return account


@transaction.atomic
def bank_account_submit(*, organisation: Organisation, user, holder: str, iban: str):
    """The account the applicant entered: set if there is none, else a change to confirm.

    Returns the new account, the pending change, or None when the data are those on record
    (or those already waiting for confirmation)."""
    if not can_manage_organisation(user, organisation):
        raise NotAllowed(_("Nur die Verwaltung der Organisation darf die Bankverbindung ändern."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    current = BankAccount.objects.filter(organisation=organisation).first()
    if current is None:
        return bank_account_set_first(
            organisation=organisation, user=user, holder=holder, iban=iban
        )
    wanted = BankAccountChange(organisation=organisation, holder=holder, iban=iban)
    wanted.clean_fields(exclude=["requested_by"])
    wanted.clean()  # the holder and IBAN as they would be stored, to compare
    # A holder stored before input was cleaned compares as it would be stored today: saving
    # the organisation's address is no request for a new account.
    if _account_data(wanted) == {"holder": sepa_text(current.holder), "iban": current.iban}:
        return None
    pending = BankAccountChange.objects.filter(
        organisation=organisation, status=BankAccountChangeStatus.PENDING
    ).first()
    if pending and _account_data(pending) == _account_data(wanted):
        return pending
    return bank_account_change_request(
        organisation=organisation, user=user, holder=holder, iban=iban
    )


@transaction.atomic
def bank_account_change_request(
    *, organisation: Organisation, user, holder: str, iban: str
) -> BankAccountChange:
    """Ask for a new account; a change still waiting is replaced (and marked rejected)."""
    if not can_manage_organisation(user, organisation):
        raise NotAllowed(_("Nur die Verwaltung der Organisation darf die Bankverbindung ändern."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    now = timezone.now()
    for replaced in BankAccountChange.objects.select_for_update().filter(
        organisation=organisation, status=BankAccountChangeStatus.PENDING
    ):
        replaced.status = BankAccountChangeStatus.REJECTED
        replaced.decided_by, replaced.decided_at = user, now
        replaced.save(update_fields=["status", "decided_by", "decided_at"])
        audit_record(
            actor=user,
            action="applicants.bank_account.change_replaced",
            obj=organisation,
            before={"change": replaced.pk, **_account_data(replaced)},
        )
    change = BankAccountChange(
        organisation=organisation, holder=holder, iban=iban, requested_by=user
    )
    change.full_clean()
    change.save()
    current = BankAccount.objects.filter(organisation=organisation).first()
    audit_record(
        actor=user,
        action="applicants.bank_account.change_requested",
        obj=organisation,
        before=_account_data(current),
        after={"change": change.pk, **_account_data(change)},
    )
    transaction.on_commit(lambda: send_bank_change_mail(change))
    return change


@transaction.atomic
def bank_account_change_confirm(
    *, change: BankAccountChange, user, via: ConfirmationVia, callback_note: str = ""
) -> BankAccount:
    """The change becomes the organisation's account; payouts released from now on use it."""
    change = (
        BankAccountChange.objects.select_for_update()
        .select_related("organisation")
        .get(pk=change.pk)
    )
    if via == ConfirmationVia.CO_ADMIN:
        refusal = bank_change_co_admin_refusal(user, change)
        callback_note = ""
    else:
        refusal = bank_change_staff_refusal(user, change)
    if refusal:
        raise NotAllowed(refusal)
    callback_note = callback_note.strip()
    if via == ConfirmationVia.CALLBACK and not any(char.isdigit() for char in callback_note):
        raise ValidationError(
            {
                "callback_note": _(
                    "Bitte vermerken Sie, wen Sie unter welcher bekannten Telefonnummer "
                    "erreicht haben."
                )
            }
        )
    account = BankAccount.objects.select_for_update().filter(
        organisation=change.organisation
    ).first() or BankAccount(organisation=change.organisation)
    before = _account_data(account) if account.pk else {}
    account.holder, account.iban = change.holder, change.iban
    account.full_clean()
    account.save()
    change.status = BankAccountChangeStatus.CONFIRMED
    change.decided_by, change.decided_at = user, timezone.now()
    change.confirmed_via, change.callback_note = via, callback_note
    change.full_clean()
    change.save()
    audit_record(
        actor=user,
        action="applicants.bank_account.change_confirmed",
        obj=change.organisation,
        before=before,
        after={
            "change": change.pk,
            **_account_data(account),
            "via": str(via),
            "callback_note": callback_note,
        },
    )
    return account


@transaction.atomic
def bank_account_change_reject(
    *, change: BankAccountChange, user, note: str = ""
) -> BankAccountChange:
    """The change is not made; payouts keep going to the account on record."""
    change = (
        BankAccountChange.objects.select_for_update()
        .select_related("organisation")
        .get(pk=change.pk)
    )
    refusal = bank_change_reject_refusal(user, change)
    if refusal:
        raise NotAllowed(refusal)
    change.status = BankAccountChangeStatus.REJECTED
    change.decided_by, change.decided_at = user, timezone.now()
    change.callback_note = note.strip()
    change.full_clean()
    change.save()
    audit_record(
        actor=user,
        action="applicants.bank_account.change_rejected",
        obj=change.organisation,
        before={"change": change.pk, **_account_data(change)},
        after={"note": change.callback_note},
    )
    return change
