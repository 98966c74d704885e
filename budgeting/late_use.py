"""Interest for money not used in time (§ 49a Abs. 4 VwVfG, DOMAIN.md "Money after the decision").

`late_use_interest()` is pure: it gets the released payouts, the eligible receipts and the base
rates, and reads nothing else.

The rule:

- payouts are used first in, first out: the receipts, in date order, consume the money of the
  earliest payout that still has money left, but only of payouts paid on or before the
  receipt's date (a receipt before any payout was paid from other money and consumes nothing);
- a portion used later than two months after its payout (`budgeting.services.payout.spend_by`)
  bears interest from the payout date (counts) until the day of use (does not count), at the
  rate of § 49a Abs. 3 VwVfG, split at changes of the Basiszinssatz (`budgeting.interest`);
- the interest of all portions is added unrounded and the total rounded half-up to cents once;
- money never used is not part of it (it is refunded, with § 49a Abs. 3 interest).
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal, localcontext

from budgeting.interest import InterestPeriod, refund_interest
from budgeting.services.payout import spend_by
from core.money import ZERO, round_money

__all__ = ["LateUseResult", "Portion", "late_use_interest"]

# Enough digits that the sum of the parts (30 decimal places each) is never rounded.
_PRECISION = 80


@dataclass(frozen=True)
class Portion:
    """Money of one payout used by one receipt."""

    payout_date: datetime.date
    payout_amount: Decimal
    used_on: datetime.date
    amount: Decimal
    spend_by: datetime.date
    periods: list[InterestPeriod] = field(default_factory=list)  # empty when used in time

    @property
    def late(self) -> bool:
        return self.used_on > self.spend_by

    @property
    def days(self) -> int:
        return sum(period.days for period in self.periods)

    @property
    def interest(self) -> Decimal:
        """Not rounded."""
        return sum((period.interest for period in self.periods), Decimal(0))

    @property
    def interest_rounded(self) -> Decimal:
        """For display only; the total is rounded once from the unrounded parts."""
        return round_money(self.interest)


@dataclass(frozen=True)
class LateUseResult:
    total: Decimal  # rounded half-up to cents, once
    portions: list[Portion] = field(default_factory=list)
    unused: Decimal = ZERO  # payout money no receipt used (not part of this interest)

    @property
    def late_portions(self) -> list[Portion]:
        return [portion for portion in self.portions if portion.late]

    def stored_steps(self) -> list[dict]:
        """The computation as JSON-ready data (dates and Decimals are encoded by the field)."""
        return [
            {
                "payout_date": portion.payout_date,
                "payout_amount": portion.payout_amount,
                "used_on": portion.used_on,
                "amount": portion.amount,
                "spend_by": portion.spend_by,
                "late": portion.late,
                "periods": [
                    {
                        "start": period.start,
                        "end": period.end,
                        "days": period.days,
                        "rate_percent": period.rate_percent,
                        "interest": period.interest,
                    }
                    for period in portion.periods
                ],
                "interest": portion.interest,
            }
            for portion in self.portions
        ]


def late_use_interest(
    *,
    payouts: list[tuple[datetime.date, Decimal]],
    receipts: list[tuple[datetime.date, Decimal]],
    rates: list[tuple[datetime.date, Decimal]],
) -> LateUseResult:
    """§ 49a Abs. 4 interest on the payouts [(payout date, amount)] as the eligible receipts
    [(date, amount)] used them; `rates` as `budgeting.interest.base_rates()` gives them.

    Raises ValueError (from `refund_interest`) when no base rate is valid on a payout date whose
    money was used late.
    """
    # Remaining money per payout, earliest first (a stable sort keeps same-day payouts in order).
    left = [
        [day, amount, amount]
        for day, amount in sorted(payouts, key=lambda row: row[0])
        if amount > ZERO
    ]
    portions: list[Portion] = []
    for used_on, amount in sorted(receipts, key=lambda row: row[0]):
        needed = amount
        for payout in left:
            payout_date, payout_amount, remaining = payout
            if needed <= ZERO or payout_date > used_on:
                break
            if remaining <= ZERO:
                continue
            used = min(remaining, needed)
            payout[2] -= used
            needed -= used
            portions.append(_portion(payout_date, payout_amount, used_on, used, rates))
    with localcontext(prec=_PRECISION):
        unrounded = sum((portion.interest for portion in portions), Decimal(0))
    return LateUseResult(
        total=round_money(unrounded),
        portions=portions,
        unused=sum((payout[2] for payout in left), ZERO),
    )


def _portion(payout_date, payout_amount, used_on, amount, rates) -> Portion:
    deadline = spend_by(payout_date)
    periods = []
    if used_on > deadline:
        result = refund_interest(amount=amount, start=payout_date, end=used_on, rates=rates)
        periods = result.periods
    return Portion(
        payout_date=payout_date,
        payout_amount=payout_amount,
        used_on=used_on,
        amount=amount,
        spend_by=deadline,
        periods=periods,
    )
