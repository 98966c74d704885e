"""Year-end carry-over (Übertragung): the free money of a year's lines moves to the same
lines of the next year, booked in the ledger (out of the old line, into the new one)."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgeting.models import BudgetLine, LedgerEntry, LedgerEntryKind
from core.money import ZERO

from .ledger import ledger_book
from .locks import lock_lines

CODING = ("programme_id", "source_id", "produkt", "kostenstelle", "sachkonto")


@dataclass(frozen=True)
class CarryOver:
    line: BudgetLine
    target: BudgetLine | None  # None: the next year's line is created
    amount: Decimal


def carry_over_preview(*, year: int) -> list[CarryOver]:
    """What the carry-over of the year would move: every line with free money."""
    lines = (
        BudgetLine.objects.filter(year=year)
        .with_amounts()
        .select_related("programme", "source")
        .order_by("pk")
    )
    targets = {
        tuple(getattr(line, f) for f in CODING): line
        for line in BudgetLine.objects.filter(year=year + 1)
    }
    return [
        CarryOver(line, targets.get(tuple(getattr(line, f) for f in CODING)), line.free)
        for line in lines
        if line.free > ZERO
    ]


def year_carried_over(year: int) -> bool:
    """Whether the year's free money has been carried into the next year already."""
    return LedgerEntry.objects.filter(
        kind=LedgerEntryKind.CARRY_OUT, budget_line__year=year
    ).exists()


@transaction.atomic
def carry_over_book(*, year: int, user) -> list[CarryOver]:
    """Book the carry-over of the year (each entry with its audit record); only once a year."""
    if year_carried_over(year):
        raise ValidationError(_("Der Haushalt %(year)s ist bereits übertragen.") % {"year": year})
    booked = []
    for item in carry_over_preview(year=year):
        target = item.target or BudgetLine.objects.create(
            year=year + 1,
            programme_id=item.line.programme_id,
            source_id=item.line.source_id,
            produkt=item.line.produkt,
            kostenstelle=item.line.kostenstelle,
            sachkonto=item.line.sachkonto,
            appropriation=ZERO,
        )
        locked = lock_lines([item.line.pk, target.pk])
        amount = locked[item.line.pk].free  # read again under the lock
        if amount <= ZERO:
            continue
        note = _("Übertragung %(old)s → %(new)s") % {"old": year, "new": year + 1}
        for line, kind in (
            (item.line, LedgerEntryKind.CARRY_OUT),
            (target, LedgerEntryKind.CARRY_IN),
        ):
            ledger_book(
                line=locked[line.pk],
                application=None,
                kind=kind,
                amount=amount,
                user=user,
                note=note,
            )
        booked.append(CarryOver(item.line, target, amount))
    return booked
