"""The n applications: status, programme, call, organisation, period, amounts, references."""

from datetime import timedelta
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.utils import timezone

from bench.seeding.common import Case, Context, S, money
from bench.seeding.organisations import PLACES, TITLES, Organisations
from bench.seeding.reference import Reference
from grants.models import (
    PROCEDURE_FIELDS,
    Application,
    CaseProcedure,
    FinancingType,
    ReferenceCounter,
)

# Share of each status among the n applications (sums to 1).
STATUS_WEIGHTS = {
    S.DRAFT: 0.12,
    S.SUBMITTED: 0.08,
    S.REVISION_REQUESTED: 0.03,
    S.IN_REVIEW: 0.08,
    S.AWAITING_DECISION: 0.05,
    S.APPROVED: 0.06,
    S.FINAL: 0.276,
    S.SETTLED: 0.01,
    S.CLOSED: 0.04,
    S.REVOKED: 0.004,
    S.REJECTED: 0.17,
    S.WITHDRAWN: 0.08,
}
# Statuses of a case still running: only in this year's calls.
OPEN_STATUSES = {
    S.DRAFT,
    S.SUBMITTED,
    S.REVISION_REQUESTED,
    S.IN_REVIEW,
    S.AWAITING_DECISION,
    S.APPROVED,
}
# A settled grant's project has ended: calls two years back or more; a revoked one last year's.
YEARS_SKIPPED = {S.SETTLED: 2, S.CLOSED: 2, S.REVOKED: 1}


def applications_create(ctx: Context, n: int, ref: Reference, orgs: Organisations) -> list[Case]:
    """n applications, the first of every status once, then by STATUS_WEIGHTS; the first
    n // 50 (at least 10) belong to the large organisation."""
    rng = ctx.rng
    statuses = list(STATUS_WEIGHTS)
    weights = list(STATUS_WEIGHTS.values())
    programme_weights = [5, 3, 2] + [1] * max(0, len(ref.programmes) - 3)
    n_orgs = len(orgs.orgs)
    org_weights = [1.0 / (1 + i % 97) ** 0.5 for i in range(1, n_orgs)]
    large_share = max(10, n // 50)
    cases = []
    for idx in range(n):
        status = statuses[idx] if idx < len(statuses) else rng.choices(statuses, weights)[0]
        org_index = 0 if idx < large_share else rng.choices(range(1, n_orgs), org_weights)[0]
        programme = rng.choices(ref.programmes, programme_weights[: len(ref.programmes)])[0]
        cases.append(_case(ctx, idx, status, programme, ref, orgs, org_index))
    _references_assign(ctx, cases, ref.years)
    _procedures_fix(ctx, cases)
    return cases


def _year(ctx: Context, status: str, years: list[int]) -> int:
    if status in OPEN_STATUSES:
        return ctx.today.year
    return ctx.rng.choice(years[: len(years) - YEARS_SKIPPED.get(status, 0)])


def _case(ctx: Context, idx, status, programme, ref: Reference, orgs: Organisations, org_index):
    rng = ctx.rng
    year = _year(ctx, status, ref.years)
    call = ref.calls[programme.pk, year]
    created_day = call.opens_on + timedelta(
        days=rng.randrange(max(1, (min(call.closes_on, ctx.today) - call.opens_on).days))
    )
    created = ctx.aware(min(created_day, ctx.today))
    start, end = _period(rng, call, created_day, programme.max_duration_months)
    requested = money(
        (programme.max_amount * Decimal(rng.uniform(0.15, 1.0)) / 50).to_integral_value() * 50
    )
    author = rng.choice(orgs.people[org_index])
    submitted = None
    if status != S.DRAFT:
        submitted = created + timedelta(days=rng.randrange(1, 20))
        submitted = min(submitted, ctx.now - timedelta(minutes=5))
    pool = ref.eligible[programme.pk] or ref.districts
    districts = rng.sample(pool, k=min(rng.choice((1, 1, 1, 2, 3)), len(pool)))
    title = f"{rng.choice(TITLES)} {rng.choice(PLACES)} {idx + 1}"
    app = Application(
        organisation=orgs.orgs[org_index],
        call=call,
        status=status,
        reference=None,
        title=title,
        summary=f"{title}: ein Projekt für das Zusammenleben im Stadtteil.",
        goals="Begegnung, Sprache und Teilhabe im Quartier stärken.",
        target_group="Neuzugewanderte und Nachbarschaft.",
        project_start=start,
        project_end=end,
        requested_amount=requested,
        created_by=author,
        created_at=created,
        updated_at=submitted or created,
        submitted_at=submitted,
        submitted_by=author if submitted else None,
        publication_consent=rng.random() < 0.8,
    )
    costs = _costs(rng, programme, requested)
    return Case(app, programme, year, costs, districts, author)


def _period(rng, call, created_day, max_months):
    """The project runs from the first of a month at least a month after the application,
    for 3 to max_months months, inside the call's limits."""
    duration = rng.randrange(3, max_months + 1)
    start = max(call.project_start_earliest, created_day + timedelta(days=30)).replace(day=1)
    start = (start + timedelta(days=31)).replace(day=1)
    end = min(
        (start + timedelta(days=30 * duration)).replace(day=1) - timedelta(days=1),
        call.project_end_latest,
    )
    if end <= start:
        end = start + timedelta(days=60)
    return start, end


def _costs(rng, programme, requested: Decimal) -> Decimal:
    """Total costs that fit the financing type: requested ÷ rate for a share, the requested
    amount for full financing, up to 40 % more otherwise."""
    if programme.financing_type == FinancingType.SHARE and programme.funding_rate:
        costs = (requested * 100 / programme.funding_rate / 10).to_integral_value(
            ROUND_CEILING
        ) * 10 + Decimal(rng.randrange(0, 20) * 50)
    elif programme.financing_type == FinancingType.FULL:
        costs = requested
    else:
        costs = requested + Decimal(int(requested * Decimal(rng.uniform(0.02, 0.4))))
    return money(costs)


def _procedures_fix(ctx: Context, cases: list[Case]) -> None:
    """Each submitted case keeps a copy of its programme's procedure, fixed at submission
    (as grants.services.procedure.case_procedure_fix does it, in bulk)."""
    submitted = [c for c in cases if c.app.submitted_at is not None]
    procedures = ctx.bulk(
        CaseProcedure,
        [
            CaseProcedure(
                programme=c.programme,
                fixed_at=c.app.submitted_at,
                **{name: getattr(c.programme, name) for name in PROCEDURE_FIELDS},
            )
            for c in submitted
        ],
    )
    for case, procedure in zip(submitted, procedures, strict=True):
        case.app.procedure = procedure


def _references_assign(ctx: Context, cases: list[Case], years: list[int]) -> None:
    """References in the order of submission, per year, after the counters there are."""
    counters = {c.year: c.last_number for c in ReferenceCounter.objects.filter(year__in=years)}
    counters = {year: counters.get(year, 0) for year in years}
    prefix = settings.APPLICATION_REFERENCE_PREFIX
    submitted = sorted(
        (c.app for c in cases if c.app.submitted_at is not None), key=lambda a: a.submitted_at
    )
    for app in submitted:
        year = timezone.localdate(app.submitted_at).year
        counters[year] = counters.get(year, 0) + 1
        app.reference = f"{prefix}-{year}-{counters[year]:04d}"
    for year, last in counters.items():
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last})
