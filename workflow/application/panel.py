"""The jury's votes move the case: once the last seat is submitted, the case's `panel_review`
waits no longer (its Handle task runs and the flow goes on)."""

from decimal import Decimal

from django.db import transaction

from grants.models import PanelSeat
from grants.services.panel import panel_is_complete, panel_seat_submit
from workflow.application.flow import ApplicationFlow
from workflow.selectors import process_of
from workflow.task_services import OPEN_STATUSES


@transaction.atomic
def panel_vote_submit(
    *,
    seat: PanelSeat,
    user,
    scores: dict[int, int],
    assessment: str,
    recommendation: str,
    recommended_amount: Decimal | None,
    no_conflict_of_interest: bool,
) -> PanelSeat:
    """Store the juror's vote; the last vote of the case resumes its waiting `panel_review`."""
    seat = panel_seat_submit(
        seat=seat,
        user=user,
        scores=scores,
        assessment=assessment,
        recommendation=recommendation,
        recommended_amount=recommended_amount,
        no_conflict_of_interest=no_conflict_of_interest,
    )
    process = process_of(seat.application)
    if process is not None and panel_is_complete(seat.application):
        task = process.task_set.filter(
            flow_task=ApplicationFlow.panel_review, status__in=OPEN_STATUSES
        ).first()
        if task is not None:
            ApplicationFlow.panel_review.run(task)
    return seat
