"""What happens to a grant after its decision: finality, then its story (how it is paid) and,
for settled, closed and revoked grants, the day that happened.

Every granted status beyond APPROVED became final first (grants.services.finality).
"""

from datetime import timedelta

from django.utils import timezone

from bench.seeding.common import Case, Context, S

AFTER_FINAL = (S.FINAL, S.SETTLED, S.CLOSED, S.REVOKED)
# Per status: (story, cumulative share). The stories:
#   half_paid  half the grant paid out      requested  a first instalment awaits signatures
#   unpaid     nothing requested yet        refund     all paid, the costs fell short: refund
#   rest       half paid, the rest is due   even       all paid, exactly as planned
STORIES = {
    S.FINAL: (("half_paid", 0.6), ("requested", 0.75), ("unpaid", 1.0)),
    S.SETTLED: (("refund", 0.4), ("rest", 1.0)),
    S.CLOSED: (("even", 1.0),),
    S.REVOKED: (("half_paid", 0.6), ("unpaid", 1.0)),
}
FINAL_AFTER_DAYS = 75  # submission to finality


def lifecycle_plan(ctx: Context, cases: list[Case]) -> None:
    """Set final_on and the waiver, the story and the end of every grant that became final."""
    for case in cases:
        if case.status not in AFTER_FINAL:
            continue
        _make_final(ctx, case)
        roll = ctx.rng.random()
        case.story = next(story for story, share in STORIES[case.status] if roll < share)
        case.ended_at = _ended_at(ctx, case)
        if case.ended_at is not None:
            case.app.updated_at = case.ended_at


def _make_final(ctx: Context, case: Case) -> None:
    app = case.app
    app.final_on = min(
        ctx.today, timezone.localdate(app.submitted_at) + timedelta(days=FINAL_AFTER_DAYS)
    )
    if ctx.rng.random() < 0.4:
        # The waiver made it final that day (grants.services.finality).
        app.waiver_declared_at = ctx.aware(app.final_on)
        app.waiver_declared_by = case.author


def _ended_at(ctx: Context, case: Case):
    """Settled: within the last two months (money still moves); closed: two to ten months
    after the project; revoked: one to thirteen months after finality."""
    rng, app, last = ctx.rng, case.app, ctx.today - timedelta(days=1)
    if case.status == S.SETTLED:
        day = max(
            app.project_end + timedelta(days=30), ctx.today - timedelta(days=rng.randrange(5, 60))
        )
    elif case.status == S.CLOSED:
        day = app.project_end + timedelta(days=rng.randrange(60, 300))
    elif case.status == S.REVOKED:
        day = app.final_on + timedelta(days=rng.randrange(30, 400))
    else:
        return None
    return ctx.aware(min(day, last))
