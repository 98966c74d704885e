"""What a grant stands at, derived from the ledger (and the open payment requests) alone."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, Sum

from budgeting.models import OPEN_PAYMENT_STATUSES, LedgerEntry, LedgerEntryKind, PaymentRequest
from core.money import ZERO, round_money
from grants.models import Application


@dataclass(frozen=True)
class GrantBalances:
    """approved: net commitment; paid: payouts; refunded: repayments received."""

    approved: Decimal
    paid: Decimal
    refunded: Decimal
    requested_open: Decimal

    @property
    def remaining(self) -> Decimal:
        """What may still be requested: approved − paid − requested but not yet paid."""
        return max(ZERO, self.approved - self.paid - self.requested_open)

    @property
    def open_commitment(self) -> Decimal:
        return self.approved - self.paid


def _sum(kind):
    return Sum("amount", filter=Q(kind=kind), default=ZERO)


def grant_balances(application: Application) -> GrantBalances:
    """Two queries: the ledger totals and the open payment requests."""
    totals = LedgerEntry.objects.filter(application=application).aggregate(
        committed=_sum(LedgerEntryKind.COMMITMENT),
        released=_sum(LedgerEntryKind.RELEASE),
        paid=_sum(LedgerEntryKind.PAYOUT),
        refunded=_sum(LedgerEntryKind.REFUND),
    )
    requested = PaymentRequest.objects.filter(
        application=application, status__in=OPEN_PAYMENT_STATUSES
    ).aggregate(total=Sum("amount", default=ZERO))["total"]
    return GrantBalances(
        approved=round_money(totals["committed"] - totals["released"]),
        paid=round_money(totals["paid"]),
        refunded=round_money(totals["refunded"]),
        requested_open=round_money(requested),
    )


def balances_from_entries(entries) -> dict[int, dict[str, Decimal]]:
    """Rebuild every application's totals from a plain list of ledger entries (for audits)."""
    result: dict[int, dict[str, Decimal]] = {}
    for entry in entries:
        totals = result.setdefault(
            entry.application_id,
            {kind: ZERO for kind in LedgerEntryKind.values},
        )
        totals[entry.kind] += entry.amount
    return result
