"""Commitments and their release: the only way money is bound on a budget line."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
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


def future_authorisation_refusals(
    parts: dict[int, Decimal], lines: dict[int, BudgetLine], *, year: int
) -> list[str]:
    """Why commitments booked in `year` on later years' lines are not covered by the lines'
    Verpflichtungsermächtigung (VE), one message per line; [] if they are. `lines` carry their
    amounts as read under lock; what a line would bind is its net commitments plus the part."""
    messages = []
    for pk, part in parts.items():
        line = lines[pk]
        if line.year <= year or part <= ZERO:
            continue
        bound = line.committed + part
        if bound <= line.future_authorisation:
            continue
        figures = {
            "line": line,
            "line_year": line.year,
            "year": year,
            "ve": format_euro(line.future_authorisation),
            "bound": format_euro(bound),
        }
        if line.future_authorisation <= ZERO:
            messages.append(
                _(
                    "Die Haushaltsstelle %(line)s hat keine Verpflichtungsermächtigung; %(year)s "
                    "kann auf ihr für %(line_year)s nichts gebunden werden (gebunden wären "
                    "%(bound)s)."
                )
                % figures
            )
        else:
            messages.append(
                _(
                    "Die Verpflichtungsermächtigung der Haushaltsstelle %(line)s beträgt "
                    "%(ve)s; gebunden wären %(bound)s."
                )
                % figures
            )
    return messages


def check_future_authorisation(parts: dict[int, Decimal], lines: dict[int, BudgetLine]) -> None:
    """Refuse (ValidationError) commitments booked today that later years' VE do not cover."""
    messages = future_authorisation_refusals(parts, lines, year=timezone.localdate().year)
    if messages:
        raise ValidationError(
            [ValidationError(message, code="future_authorisation") for message in messages]
        )


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
        check_future_authorisation(parts, lines)
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
