"""The case up to the decision: formal check, review with scores, decision."""

from datetime import timedelta
from decimal import Decimal

from bench.seeding.common import ZERO, Case, Context, S, money
from grants.models import (
    Decision,
    DecisionOutcome,
    FinancingType,
    FormalCheck,
    FormalCheckResult,
    GrantTerms,
    Recommendation,
    Review,
    ReviewScore,
)
from grants.scoring import weighted_total

GRANTED = {S.APPROVED, S.FINAL, S.SETTLED, S.CLOSED, S.REVOKED}
DECIDED = GRANTED | {S.REJECTED}
REVIEWED = DECIDED | {S.AWAITING_DECISION}
CHECKED = REVIEWED | {S.REVISION_REQUESTED, S.IN_REVIEW}
PARTIAL_SHARE = Decimal("0.8")


def decisions_create(ctx: Context, cases: list[Case], criteria: dict) -> dict[str, list]:
    """Check, review and decide every case as far as its status says; returns the rows."""
    checks, reviews, decisions, reviewed, decided = [], [], [], [], []
    for case in cases:
        if case.status not in CHECKED:
            continue
        _times(ctx, case)
        checks.append(_check(ctx, case))
        if case.status not in REVIEWED:
            continue
        reviews.append(_review(ctx, case, criteria[case.programme.pk]))
        reviewed.append(case)
        if case.status in DECIDED:
            decisions.append(_decision(ctx, case))
            decided.append(case)
    ctx.bulk(FormalCheck, checks)
    reviews = ctx.bulk(Review, reviews)
    ctx.bulk(
        ReviewScore,
        (
            ReviewScore(review_id=review.pk, criterion=c, score=case.score)
            for review, case in zip(reviews, reviewed, strict=True)
            for c in criteria[case.programme.pk]
        ),
    )
    decisions = ctx.bulk(Decision, decisions)
    ctx.bulk(
        GrantTerms,
        (
            _terms(case, decision)
            for decision, case in zip(decisions, decided, strict=True)
            if decision.outcome != DecisionOutcome.REJECTED
        ),
    )
    return {"formal_checks": checks, "reviews": reviews, "decisions": decisions}


def _terms(case: Case, decision: Decision) -> GrantTerms:
    """Version 1 of the terms, as decision_record fixes them (grants.services.terms)."""
    programme = case.programme
    share = programme.financing_type == FinancingType.SHARE
    return GrantTerms(
        application_id=case.app.pk,
        version=1,
        decision_id=decision.pk,
        financing_type=programme.financing_type,
        funding_rate=programme.funding_rate if share else None,
        approved_amount=decision.approved_amount,
        eligible_costs=case.costs,
        fixed_by=decision.decided_by,
    )


def _times(ctx: Context, case: Case) -> None:
    """Check, review and decision follow the submission within days to weeks."""
    rng, now = ctx.rng, ctx.now
    checked = case.app.submitted_at + timedelta(days=rng.randrange(2, 10))
    reviewed = checked + timedelta(days=rng.randrange(5, 20))
    decided = reviewed + timedelta(days=rng.randrange(3, 15))
    case.checked_at, case.reviewed_at, case.decided_at = (
        min(t, now) for t in (checked, reviewed, decided)
    )


def _check(ctx: Context, case: Case) -> FormalCheck:
    revision = case.status == S.REVISION_REQUESTED
    return FormalCheck(
        application_id=case.app.pk,
        round=1,
        result=FormalCheckResult.REVISION if revision else FormalCheckResult.COMPLETE,
        message="Bitte laden Sie die unterschriebene Satzung hoch." if revision else "",
        checked_by=ctx.staff["caseworker"],
        checked_at=case.checked_at,
    )


def _review(ctx: Context, case: Case, criteria) -> Review:
    """A rejection scores 2; some grants are recommended (and decided) partially."""
    if case.status == S.REJECTED:
        recommendation, case.score = Recommendation.REJECT, 2
    else:
        recommendation, case.score = Recommendation.APPROVE, ctx.rng.choice((3, 4, 5))
    case.partial = case.status in GRANTED and ctx.rng.random() < 0.15
    requested = case.app.requested_amount
    return Review(
        application_id=case.app.pk,
        reviewer=ctx.staff["reviewer"],
        assessment="Das Konzept ist nachvollziehbar; die Zielgruppe wird erreicht.",
        recommendation=Recommendation.PARTIAL if case.partial else recommendation,
        recommended_amount=money(requested * PARTIAL_SHARE) if case.partial else None,
        no_conflict_of_interest=True,
        weighted_total=weighted_total([(case.score, c.weight) for c in criteria])
        if criteria
        else ZERO,
        reviewed_at=case.reviewed_at,
    )


def _decision(ctx: Context, case: Case) -> Decision:
    requested = case.app.requested_amount
    if case.status == S.REJECTED:
        outcome, amount = DecisionOutcome.REJECTED, ZERO
        reasons = "Das Vorhaben ist im Förderprogramm nicht förderfähig."
    elif case.partial:
        outcome, amount = DecisionOutcome.PARTIAL, money(requested * PARTIAL_SHARE)
        reasons = "Gefördert werden 80 % der beantragten Summe."
    else:
        outcome, amount, reasons = DecisionOutcome.APPROVED, requested, ""
    case.approved = amount
    return Decision(
        application_id=case.app.pk,
        outcome=outcome,
        approved_amount=amount,
        reasons=reasons,
        decided_by=ctx.staff["approver"],
        decided_at=case.decided_at,
    )
