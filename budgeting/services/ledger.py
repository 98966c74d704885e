"""Commitments and their release: the only way money is bound on a budget line."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgeting.errors import InsufficientFunds, Shortfall
from budgeting.models import BudgetAllocation, BudgetLine, LedgerEntry, LedgerEntryKind
from budgeting.selectors import allocations_of, commitments_of
from core.audit import audit_record
from core.formatting import format_euro
from core.money import ZERO, round_money, split_money
from grants.models import Application

from .locks import lock_application, lock_lines


def ledger_book(
    *,
    line: BudgetLine,
    application: Application,
    kind: str,
    amount: Decimal,
    user,
    note: str,
    payment_request=None,
    pledge=None,
) -> LedgerEntry:
    """Write one entry and its audit record; `line` carries its amounts as read under lock."""
    entry = LedgerEntry(
        budget_line=line,
        application=application,
        kind=kind,
        amount=amount,
        booked_by=user,
        note=note,
        payment_request=payment_request,
        pledge=pledge,
    )
    entry.full_clean()
    entry.save()
    sign = {LedgerEntryKind.COMMITMENT: 1, LedgerEntryKind.RELEASE: -1}.get(kind, 0)
    audit_record(
        actor=user,
        action=f"budgeting.ledger.{kind}",
        obj=entry,
        before={"budget_line": line.pk, "committed": line.committed, "free": line.free},
        after={
            "budget_line": line.pk,
            "application": application.pk if application else None,
            "kind": kind,
            "amount": amount,
            "committed": line.committed + sign * amount,
            "free": line.free - sign * amount,
        },
    )
    return entry


def commitment_parts(amount: Decimal, allocations: list[BudgetAllocation]) -> dict[int, Decimal]:
    """The amount split pro rata over the allocations, by line pk; refuses what cannot be bound."""
    if not allocations:
        raise ValidationError(_("Für diesen Antrag ist keine Haushaltsstelle geplant."))
    if amount <= ZERO or amount != round_money(amount):
        raise ValidationError(_("Der zu bindende Betrag muss ein positiver Centbetrag sein."))
    planned = sum((allocation.amount for allocation in allocations), ZERO)
    if amount > planned:
        raise ValidationError(
            _("Der zu bindende Betrag %(amount)s übersteigt die geplanten %(planned)s.")
            % {"amount": format_euro(amount), "planned": format_euro(planned)}
        )
    parts = split_money(amount, [allocation.amount for allocation in allocations])
    if any(part < ZERO for part in parts):
        raise ValidationError(_("Der Betrag ist zu klein, um ihn anteilig aufzuteilen."))
    return {
        allocation.budget_line_id: part
        for allocation, part in zip(allocations, parts, strict=True)
        if part > ZERO
    }


def budget_commit(*, application: Application, amount: Decimal, user) -> list[LedgerEntry]:
    """Bind the approved amount pro rata on the planned lines; all lines or none."""
    with transaction.atomic():
        application = lock_application(application)
        if commitments_of(application).exists():
            raise ValidationError(_("Für diesen Antrag sind bereits Mittel gebunden."))
        parts = commitment_parts(amount, list(allocations_of(application)))
        lines = lock_lines(parts)
        shortfalls = [
            Shortfall(line=line, needed=part, free=line.free, missing=part - line.free)
            for line, part in ((lines[pk], part) for pk, part in parts.items())
            if part > line.free
        ]
        if shortfalls:
            raise InsufficientFunds(shortfalls)
        return [
            ledger_book(
                line=lines[pk],
                application=application,
                kind=LedgerEntryKind.COMMITMENT,
                amount=part,
                user=user,
                note=_("Bewilligung"),
            )
            for pk, part in parts.items()
        ]


def budget_release(*, application: Application, user, note: str) -> list[LedgerEntry]:
    """Release every net commitment of the application; nothing to release gives []."""
    if not note.strip():
        raise ValidationError(_("Bitte den Grund für die Aufhebung der Bindung angeben."))
    with transaction.atomic():
        application = lock_application(application)
        open_amounts = {line.pk: line.application_committed for line in commitments_of(application)}
        lines = lock_lines(open_amounts)
        return [
            ledger_book(
                line=lines[pk],
                application=application,
                kind=LedgerEntryKind.RELEASE,
                amount=amount,
                user=user,
                note=note,
            )
            for pk, amount in open_amounts.items()
        ]
