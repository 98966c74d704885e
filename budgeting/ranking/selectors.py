"""Reads of the ranking per call: one query for the applications with their reviews, one for
the panel seats, one for the budget lines, however many rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from budgeting.models import BudgetLine
from budgeting.models.line import PIPELINE_STATUSES
from budgeting.selectors import budget_lines_with_amounts
from core.money import ZERO, round_money
from grants.models import Application, Call, Recommendation, ReviewMode
from grants.panel import case_panel_result
from grants.procedure import review_mode_of


@dataclass(frozen=True)
class RankingRow:
    """One application of the ranking; `recommended` is what the running sum adds (a panel: the
    mean of its votes' amounts); `recommendation` the single reviewer's vote (None for a panel)."""

    rank: int
    application: Application
    is_panel: bool
    score: Decimal
    votes: int
    spread: Decimal | None
    spread_flagged: bool
    recommendation: str | None
    requested: Decimal
    recommended: Decimal
    running_sum: Decimal
    remaining: Decimal
    beyond_budget: bool
    is_cutoff: bool


@dataclass(frozen=True)
class Ranking:
    """The ranking of one call, with the lines whose free money it is measured against."""

    call: Call
    rows: list[RankingRow]
    lines: list[BudgetLine]
    free: Decimal

    @property
    def cutoff(self) -> RankingRow | None:
        """The first row the free budget no longer covers ("hier reicht das Geld nicht mehr")."""
        return next((row for row in self.rows if row.is_cutoff), None)

    @property
    def requested_total(self) -> Decimal:
        return sum((row.requested for row in self.rows), ZERO)

    @property
    def recommended_total(self) -> Decimal:
        return sum((row.recommended for row in self.rows), ZERO)


def ranking_calls() -> QuerySet[Call]:
    """The calls a ranking can be asked for, newest first."""
    return Call.objects.select_related("programme").order_by("-opens_on", "title", "pk")


def call_budget_years(call: Call) -> list[int]:
    """The fiscal years the call's projects may run in (from the earliest start to the latest
    end): the years whose lines of the programme fund the call."""
    first, last = call.project_start_earliest.year, call.project_end_latest.year
    return list(range(first, max(first, last) + 1))


def call_budget_lines(call: Call) -> QuerySet[BudgetLine]:
    """The lines of the call's programme in the call's years, with `committed` and `free`."""
    return (
        budget_lines_with_amounts()
        .filter(programme_id=call.programme_id, year__in=call_budget_years(call))
        .order_by("year", "source__name", "pk")
    )


def vote_amount(recommendation: str, recommended: Decimal | None, requested: Decimal) -> Decimal:
    """What one review or panel vote would spend: nothing when it recommends rejection, else its
    recommended amount, else (an approval recommends what was asked) the requested amount."""
    if recommendation == Recommendation.REJECT:
        return ZERO
    return requested if recommended is None else recommended


def _reviewed_applications(call: Call) -> QuerySet[Application]:
    """The call's applications whose decision is still open (their money is not yet bound, so it
    is not yet out of the free budget), with review, procedure and panel seats."""
    return (
        Application.objects.filter(call=call, status__in=PIPELINE_STATUSES)
        .select_related("organisation", "procedure", "review")
        .prefetch_related("panel_seats")
        .order_by("submitted_at", "pk")
    )


def _scored(application: Application) -> dict | None:
    """Score, votes and recommended amount of a reviewed application; None while its review (a
    single review, or every seat of its panel) is not complete."""
    requested = application.requested_amount or ZERO
    if review_mode_of(application) == ReviewMode.PANEL:
        result = case_panel_result(application)
        if not result.is_complete:
            return None
        seats = application.panel_seats.all()
        amounts = [
            vote_amount(seat.recommendation, seat.recommended_amount, requested) for seat in seats
        ]
        return {
            "is_panel": True,
            "score": result.mean,
            "votes": result.submitted,
            "spread": result.spread,
            "spread_flagged": result.flagged,
            "recommendation": None,
            "recommended": round_money(sum(amounts, ZERO) / len(amounts)),
        }
    review = getattr(application, "review", None)
    if review is None:
        return None
    return {
        "is_panel": False,
        "score": review.weighted_total,
        "votes": 1,
        "spread": None,
        "spread_flagged": False,
        "recommendation": review.get_recommendation_display(),
        "recommended": vote_amount(review.recommendation, review.recommended_amount, requested),
    }


def call_ranking(call: Call) -> Ranking:
    """Every reviewed application of the call with an open decision, highest score first (ties:
    the earlier submission), with the running sum of the amounts against the free budget."""
    lines = list(call_budget_lines(call))
    free = sum((line.free for line in lines), ZERO)
    scored = []
    for application in _reviewed_applications(call):
        figures = _scored(application)
        if figures is not None:
            scored.append((application, figures))
    scored.sort(key=lambda item: -item[1]["score"])  # stable: submission order stays for ties
    rows, running, cut = [], ZERO, False
    for rank, (application, figures) in enumerate(scored, start=1):
        running += figures["recommended"]
        beyond = running > free
        rows.append(
            RankingRow(
                rank=rank,
                application=application,
                requested=application.requested_amount or ZERO,
                running_sum=running,
                remaining=free - running,
                beyond_budget=beyond,
                is_cutoff=beyond and not cut,
                **figures,
            )
        )
        cut = cut or beyond
    return Ranking(call=call, rows=rows, lines=lines, free=free)
