"""Änderungsbescheid: the commitment of a grant follows its new amount (DOMAIN.md rule 2)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgeting.balances import grant_balances
from budgeting.errors import InsufficientFunds, Shortfall
from budgeting.models import LedgerEntry, LedgerEntryKind
from budgeting.selectors import allocations_of, commitments_of
from core.formatting import format_euro
from core.money import ZERO, round_money, split_money
from grants.models import Application, ApplicationStatus

from .ledger import check_future_authorisation, ledger_book
from .locks import lock_application, lock_lines

ADJUSTABLE_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.FINAL)


def budget_adjust(*, application: Application, new_amount: Decimal, user) -> list[LedgerEntry]:
    """Bind or release the difference between the net commitment and `new_amount`.

    More: the difference is committed pro rata on the application's planned lines
    (BudgetAllocation) and InsufficientFunds names every line that lacks free funds; less: the
    difference is released pro rata on the lines that carry the commitment. Never below what
    has been paid out. All lines or none; the grant's status is not touched.
    """
    if new_amount is None or new_amount <= ZERO or new_amount != round_money(new_amount):
        raise ValidationError(
            {"new_amount": _("Der neue Betrag muss ein positiver Centbetrag sein.")}
        )
    with transaction.atomic():
        application = lock_application(application)
        if application.status not in ADJUSTABLE_STATUSES:
            raise ValidationError(
                _("Im Stand „%(status)s“ kann die Mittelbindung nicht angepasst werden.")
                % {"status": application.get_status_display()}
            )
        allocations = list(allocations_of(application))
        commitments = list(commitments_of(application))
        lines = lock_lines(
            [a.budget_line_id for a in allocations] + [line.pk for line in commitments]
        )
        balances = grant_balances(application)
        if new_amount < balances.paid:
            raise ValidationError(
                {
                    "new_amount": _(
                        "Der neue Betrag %(amount)s liegt unter den bereits ausgezahlten %(paid)s."
                    )
                    % {"amount": format_euro(new_amount), "paid": format_euro(balances.paid)}
                }
            )
        difference = new_amount - balances.approved
        if difference > ZERO:
            return _commit_more(application, difference, allocations, lines, user)
        if difference < ZERO:
            return _release(application, -difference, commitments, lines, user)
        return []


def _commit_more(application, amount, allocations, lines, user) -> list[LedgerEntry]:
    if not allocations:
        raise ValidationError(_("Für diesen Antrag ist keine Haushaltsstelle geplant."))
    parts = split_money(amount, [allocation.amount for allocation in allocations])
    planned = {
        allocation.budget_line_id: part
        for allocation, part in zip(allocations, parts, strict=True)
        if part > ZERO
    }
    shortfalls = [
        Shortfall(line=line, needed=part, free=line.free, missing=part - line.free)
        for line, part in ((lines[pk], part) for pk, part in planned.items())
        if part > line.free
    ]
    if shortfalls:
        raise InsufficientFunds(shortfalls)
    check_future_authorisation(planned, lines)
    return [
        ledger_book(
            line=lines[pk],
            application=application,
            kind=LedgerEntryKind.COMMITMENT,
            amount=part,
            user=user,
            note=_("Änderungsbescheid"),
        )
        for pk, part in planned.items()
    ]


def _release(application, amount, commitments, lines, user) -> list[LedgerEntry]:
    parts = split_money(amount, [line.application_committed for line in commitments])
    for line, part in zip(commitments, parts, strict=True):
        if part > line.application_committed:  # only by a rounding cent on the last line
            raise ValidationError(
                _("Der Betrag lässt sich nicht anteilig auf die Haushaltsstellen aufteilen.")
            )
    return [
        ledger_book(
            line=lines[line.pk],
            application=application,
            kind=LedgerEntryKind.RELEASE,
            amount=part,
            user=user,
            note=_("Änderungsbescheid"),
        )
        for line, part in zip(commitments, parts, strict=True)
        if part > ZERO
    ]
