"""Interest on refund claims (§ 49a Abs. 3 VwVfG): five points above the Basiszinssatz.

`refund_interest()` is pure: it gets the base rates as a list of (valid_from, rate in percent)
and reads nothing else. `base_rates()` reads that list from the `BaseRate` table, which staff
extend in the admin when the Bundesbank publishes a new rate (1 January and 1 July).

The rule (DOMAIN.md, final settlement):

- simple interest on the refund amount at (Basiszinssatz + 5 percentage points) per year;
- days are counted as the difference of two dates, the start day counts and the end day does
  not, and a year has 365 days (also in leap years);
- the period is split at every change of the Basiszinssatz that falls inside it; a rate valid
  from before the start applies from the start;
- the parts are not rounded; only the total is rounded half-up to cents.

Exactness: a part's interest is (daily interest) × days, the daily interest being
amount × rate / 36,500 to 30 decimal places (far below a cent), so that the parts of a split
period add up exactly to the interest of the whole period. The total is computed without that
cut-off: Σ(amount × rate_i × days_i) / 36,500, rounded half-up to cents once.

Interest is never negative: should the Basiszinssatz + 5 points ever be negative (the
Basiszinssatz was negative from 2013 to 2022, but never below −0.88 %), that part bears no
interest (0), and its `rate_percent` still shows the negative rate.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, localcontext

from django.utils.translation import gettext as _

from budgeting.models import BaseRate
from core.formatting import format_date
from core.money import ZERO, round_money

__all__ = [
    "InterestPeriod",
    "InterestResult",
    "base_rates",
    "missing_base_rate_message",
    "rate_covers",
    "refund_interest",
]

POINTS_ABOVE_BASE_RATE = Decimal("5")
DAYS_PER_YEAR = 365
# amount × percent / (100 × 365) is the interest of one day.
_DIVISOR = Decimal(100 * DAYS_PER_YEAR)
_DAILY_PLACES = Decimal("1e-30")
# Enough digits that no multiplication or sum below is ever rounded by the context.
_PRECISION = 80


@dataclass(frozen=True)
class InterestPeriod:
    """A part of the interest period with one rate: from `start` (counts) to `end` (does not)."""

    start: datetime.date
    end: datetime.date
    days: int
    rate_percent: Decimal  # Basiszinssatz + 5 points, in percent per year
    interest: Decimal  # not rounded


@dataclass(frozen=True)
class InterestResult:
    total: Decimal  # rounded half-up to cents
    periods: list[InterestPeriod] = field(default_factory=list)


def refund_interest(
    *,
    amount: Decimal,
    start: datetime.date,
    end: datetime.date,
    rates: list[tuple[datetime.date, Decimal]],
    points_above: Decimal = POINTS_ABOVE_BASE_RATE,
) -> InterestResult:
    """Interest on `amount` from `start` (counts) to `end` (does not count).

    `rates` are (valid_from, Basiszinssatz in percent), in any order. Raises ValueError if
    `end` lies before `start` or no rate is valid on `start`. `end == start` gives 0.00.
    """
    _check_decimal("Der Betrag", amount)
    _check_decimal("Der Zuschlag auf den Basiszinssatz", points_above)
    if amount < 0:
        raise ValueError("Der Betrag für die Verzinsung darf nicht negativ sein.")
    for name, day in (("Beginn", start), ("Ende", end)):
        if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
            raise TypeError(f"{name} des Zinszeitraums muss ein Datum sein: {day!r}.")
    if end < start:
        raise ValueError(
            f"Das Ende des Zinszeitraums ({end:%d.%m.%Y}) liegt vor dem Beginn ({start:%d.%m.%Y})."
        )
    ordered = sorted(rates, key=lambda row: row[0])
    valid_froms = [valid_from for valid_from, _rate in ordered]
    if len(set(valid_froms)) != len(valid_froms):
        raise ValueError("Ein Basiszinssatz ist für denselben Tag mehrfach angegeben.")
    if not rate_covers(start, ordered):
        raise ValueError(
            f"Für den Beginn des Zinszeitraums ({start:%d.%m.%Y}) ist kein Basiszinssatz "
            "hinterlegt."
        )
    applicable = [row for row in ordered if row[0] <= start]
    # The rate on `start`, then every change after `start` and before `end`.
    segments = [(start, applicable[-1][1])]
    segments += [(day, rate) for day, rate in ordered if start < day < end]

    periods = []
    numerator = Decimal(0)  # Σ amount × rate × days, exact
    with localcontext(prec=_PRECISION, rounding=ROUND_HALF_UP):
        for index, (part_start, base_rate) in enumerate(segments):
            part_end = segments[index + 1][0] if index + 1 < len(segments) else end
            days = (part_end - part_start).days
            if days == 0:
                continue
            rate_percent = base_rate + points_above
            effective = max(Decimal(0), rate_percent)  # never negative interest
            daily = (amount * effective / _DIVISOR).quantize(_DAILY_PLACES)
            periods.append(
                InterestPeriod(
                    start=part_start,
                    end=part_end,
                    days=days,
                    rate_percent=rate_percent,
                    interest=daily * days,
                )
            )
            numerator += amount * effective * days
        total = round_money(numerator / _DIVISOR) if periods else ZERO
    return InterestResult(total=total, periods=periods)


def rate_covers(start: datetime.date, rates: list[tuple[datetime.date, Decimal]]) -> bool:
    """Whether a Basiszinssatz is valid on `start` (one valid from that day or before); every
    later day of a period is then covered too. The one test for "no base rate": a page that
    shows interest asks it first and says so (missing_base_rate_message) instead of failing."""
    return any(valid_from <= start for valid_from, _rate in rates)


def missing_base_rate_message(start: datetime.date) -> str:
    """What a page says instead of interest it cannot compute."""
    return _(
        "Für den %(day)s ist kein Basiszinssatz hinterlegt; die Zinsen können erst berechnet "
        "werden, wenn er eingetragen ist."
    ) % {"day": format_date(start)}


def base_rates() -> list[tuple[datetime.date, Decimal]]:
    """The Basiszinssätze from the database, oldest first, as `refund_interest` wants them."""
    return list(BaseRate.objects.order_by("valid_from").values_list("valid_from", "rate"))


def _check_decimal(name: str, value) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise TypeError(f"{name} muss ein endlicher Decimal-Wert sein: {value!r}.")
