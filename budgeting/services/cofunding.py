"""Co-funding paid into the city's programme: pledges and the money received (ledger)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from budgeting.models import CoFundingPledge, LedgerEntry, LedgerEntryKind
from core.audit import audit_record
from core.formatting import format_euro
from core.money import ZERO

from .ledger import ledger_book
from .locks import lock_lines


@transaction.atomic
def pledge_record(
    *, source, budget_line, amount: Decimal, pledged_on: date, user, conditions: str = ""
) -> CoFundingPledge:
    """A co-funder pledges money for a budget line of its own."""
    if budget_line.source_id != source.pk:
        raise ValidationError(
            {"budget_line": _("Die Haushaltsstelle gehört nicht zu diesem Geldgeber.")}
        )
    pledge = CoFundingPledge(
        source=source,
        budget_line=budget_line,
        amount=amount,
        pledged_on=pledged_on,
        conditions=conditions,
        created_by=user,
    )
    pledge.full_clean()
    pledge.save()
    audit_record(
        actor=user,
        action="budgeting.cofunding.pledged",
        obj=pledge,
        after={"source": source.pk, "line": budget_line.pk, "amount": amount},
    )
    return pledge


def received_on_pledge(pledge: CoFundingPledge) -> Decimal:
    return LedgerEntry.objects.filter(pledge=pledge, kind=LedgerEntryKind.COFUNDING).aggregate(
        total=Sum("amount", default=ZERO)
    )["total"]


@transaction.atomic
def cofunding_receipt_book(
    *, pledge: CoFundingPledge, amount: Decimal, received_on: date, user
) -> LedgerEntry:
    """Money from the co-funder arrived: booked on the earmarked line."""
    pledge = CoFundingPledge.objects.select_for_update().get(pk=pledge.pk)
    open_amount = pledge.amount - received_on_pledge(pledge)
    if amount <= ZERO or amount > open_amount:
        raise ValidationError(
            {
                "amount": _("Von dieser Zusage sind noch %(open)s offen.")
                % {"open": format_euro(open_amount)}
            }
        )
    line = lock_lines([pledge.budget_line_id])[pledge.budget_line_id]
    return ledger_book(
        line=line,
        application=None,
        kind=LedgerEntryKind.COFUNDING,
        amount=amount,
        user=user,
        note=_("Eingang %(source)s vom %(day)s")
        % {"source": pledge.source.name, "day": received_on.strftime("%d.%m.%Y")},
        pledge=pledge,
    )
