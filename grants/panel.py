"""The jury's result of one case and who may see the jurors' scores (DOMAIN.md, "Review").

The case score is the mean of the submitted seats' weighted totals; the spread is the distance
between the highest and the lowest; above the procedure's threshold the case is flagged for
discussion. A juror sees the others' scores only after submitting their own; Sachbearbeitung and
Bewilligung see them once every seat is in.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.roles import APPROVER, CASEWORKER, has_role

TWO_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class PanelResult:
    """The jury's figures for one case; mean and spread are None until a seat is submitted."""

    seats: int
    submitted: int
    mean: Decimal | None
    spread: Decimal | None
    flagged: bool

    @property
    def is_complete(self) -> bool:
        return self.seats > 0 and self.submitted == self.seats


def panel_result(
    totals: Iterable[Decimal | None], *, spread_threshold: Decimal | None
) -> PanelResult:
    """Mean and spread of the weighted totals; None stands for a seat not yet submitted."""
    totals = list(totals)
    given = [total for total in totals if total is not None]
    if not given:
        return PanelResult(len(totals), 0, None, None, False)
    mean = (sum(given, Decimal(0)) / len(given)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)
    spread = max(given) - min(given)
    flagged = spread_threshold is not None and spread > spread_threshold
    return PanelResult(len(totals), len(given), mean, spread, flagged)


def case_panel_result(application) -> PanelResult:
    """The result of the application's jury (reads `application.panel_seats`, prefetch it)."""
    procedure = application.procedure
    threshold = procedure.spread_threshold if procedure is not None else None
    totals = [
        seat.weighted_total if seat.is_submitted else None for seat in application.panel_seats.all()
    ]
    return panel_result(totals, spread_threshold=threshold)


def panel_scores_visible(user, application) -> bool:
    """Whether the user may see every juror's scores of the application.

    A juror: once their own seat is submitted. Sachbearbeitung and Bewilligung: once every seat
    is submitted. Everyone else: never (their own seat is theirs to see in any case)."""
    seats = list(application.panel_seats.all())
    if not seats:
        return False
    own = [seat for seat in seats if seat.reviewer_id == user.pk]
    if own:
        return own[0].is_submitted
    if not (has_role(user, CASEWORKER) or has_role(user, APPROVER)):
        return False
    return all(seat.is_submitted for seat in seats)
