"""Reads of a case's jury for the staff pages: seats, the scores a person may see, the result."""

from dataclasses import dataclass

from django.db.models import F, Prefetch, prefetch_related_objects

from grants.models import Application, Criterion, PanelScore, PanelSeat
from grants.panel import PanelResult, case_panel_result, panel_scores_visible


@dataclass(frozen=True)
class SeatRow:
    """One seat as the viewer sees it: its scores only when shown (their own, or all visible)."""

    seat: PanelSeat
    shown: bool
    scores: list[PanelScore]
    is_own: bool


@dataclass(frozen=True)
class PanelOverview:
    criteria: list[Criterion]
    rows: list[SeatRow]
    result: PanelResult
    visible: bool


def panel_seats_query():
    return PanelSeat.objects.select_related("reviewer").prefetch_related(
        Prefetch("scores", queryset=PanelScore.objects.select_related("criterion"))
    )


def panel_overview(application: Application, user) -> PanelOverview | None:
    """The jury of the case as the user may see it; None when the case has no jury (one query
    for a case under a procedure without seats, none before submission)."""
    if application.procedure_id is None:
        return None
    prefetch_related_objects([application], Prefetch("panel_seats", queryset=panel_seats_query()))
    seats = list(application.panel_seats.all())
    if not seats:
        return None
    visible = panel_scores_visible(user, application)
    rows = []
    for seat in seats:
        is_own = seat.reviewer_id == user.pk
        shown = seat.is_submitted and (visible or is_own)
        rows.append(SeatRow(seat, shown, list(seat.scores.all()) if shown else [], is_own))
    return PanelOverview(
        criteria=list(Criterion.objects.filter(programme_id=application.call.programme_id)),
        rows=rows,
        result=case_panel_result(application),
        visible=visible,
    )


def panel_seats_of(user):
    """The user's seats with their cases, the open ones first (oldest assignment first), then the
    submitted ones (latest first)."""
    return (
        PanelSeat.objects.filter(reviewer=user)
        .select_related("application__call__programme", "application__organisation")
        .order_by(F("submitted_at").desc(nulls_first=True), "assigned_at", "pk")
    )
