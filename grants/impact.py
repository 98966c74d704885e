"""The status of an indicator in a report: is the project on track to reach its target?

Our rule (a decision of the department, not a standard):

- No actual value or no target: no status ("").
- "steigern" (increase) and "senken" (decrease): the achievement is
  r = (actual − baseline) / (target − baseline), a missing baseline counting as 0. The project
  is "im Plan" if r ≥ progress, "gefährdet" if r ≥ 0.8 × progress, else "verfehlt". `progress`
  is the elapsed share of the project period at the end of the report's period (1 for the
  final report), so an interim report after half the time needs half the planned change.
  If the target plans no change in the intended direction (target = baseline, or a target on
  the wrong side of the baseline), the target is a level to hold: "im Plan" if the actual is at
  least as good as the target in the intended direction, else "verfehlt".
- "halten" (maintain): "im Plan" if the actual deviates from the target by at most 5 % of the
  target, "gefährdet" by at most 10 %, else "verfehlt"; a target of 0 must be met exactly.
"""

import datetime
from decimal import Decimal
from typing import Literal

from grants.models import IndicatorDirection, IndicatorStatus

ZERO = Decimal("0")
ONE = Decimal("1")
AT_RISK_SHARE = Decimal("0.8")
MAINTAIN_ON_TRACK = Decimal("0.05")
MAINTAIN_AT_RISK = Decimal("0.10")


def indicator_status(
    *,
    direction: str,
    baseline: Decimal | None,
    target: Decimal | None,
    actual: Decimal | None,
    progress: Decimal,
) -> IndicatorStatus | Literal[""]:
    """The status of an actual value against baseline and target (see the module's rule)."""
    if actual is None or target is None:
        return ""
    if direction == IndicatorDirection.MAINTAIN:
        return _maintain_status(target=target, actual=actual)
    sign = -1 if direction == IndicatorDirection.DECREASE else 1
    start = ZERO if baseline is None else baseline
    planned = sign * (target - start)
    if planned <= ZERO:
        reached = sign * (actual - target) >= ZERO
        return IndicatorStatus.ON_TRACK if reached else IndicatorStatus.MISSED
    achievement = sign * (actual - start) / planned
    if achievement >= progress:
        return IndicatorStatus.ON_TRACK
    if achievement >= AT_RISK_SHARE * progress:
        return IndicatorStatus.AT_RISK
    return IndicatorStatus.MISSED


def _maintain_status(*, target: Decimal, actual: Decimal) -> IndicatorStatus:
    deviation = abs(actual - target)
    if deviation <= MAINTAIN_ON_TRACK * abs(target):
        return IndicatorStatus.ON_TRACK
    if deviation <= MAINTAIN_AT_RISK * abs(target):
        return IndicatorStatus.AT_RISK
    return IndicatorStatus.MISSED


def period_progress(
    *,
    period_end: datetime.date,
    project_start: datetime.date | None,
    project_end: datetime.date | None,
    final: bool,
) -> Decimal:
    """The elapsed share of the project period at `period_end`, in [0, 1]; 1 for the final report.

    Days count inclusively, so a period ending on the last project day gives exactly 1. Without
    a project period the report counts as due in full.
    """
    if final or project_start is None or project_end is None or project_end < project_start:
        return ONE
    total = (project_end - project_start).days + 1
    elapsed = (period_end - project_start).days + 1
    return min(ONE, max(ZERO, Decimal(elapsed) / Decimal(total)))


def report_progress(report) -> Decimal:
    """The progress a report's actuals are measured against."""
    application = report.application
    return period_progress(
        period_end=report.period_end,
        project_start=application.project_start,
        project_end=application.project_end,
        final=report.is_final,
    )
