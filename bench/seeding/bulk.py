"""seed(n): n applications spread over programmes, calls, statuses, districts, organisations,
with everything that hangs on them (bench/seed.py).

Reference data comes from the real demo seeding (bench.seeding.reference); the n applications
and their rows are then written with bulk_create in batches, one module per entity. Money is
Decimal throughout; every plan balances (costs = own + third-party + requested).
"""

import random
import time
from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from bench.seeding.applications import STATUS_WEIGHTS, applications_create
from bench.seeding.audit import audit_create
from bench.seeding.closing import closing_create
from bench.seeding.common import (
    BATCH,
    BENCH_DOMAIN,
    BENCH_PASSWORD,
    LARGE_ORGANISATION,
    Context,
    own_timestamps,
)
from bench.seeding.decisions import decisions_create
from bench.seeding.lifecycle import lifecycle_plan
from bench.seeding.money import money_create
from bench.seeding.organisations import organisations_create
from bench.seeding.plans import plans_create
from bench.seeding.processes import processes_create
from bench.seeding.reference import base_ensure, reference_load, staff
from bench.seeding.reports import reports_create
from grants.models import Application

__all__ = [
    "BATCH",
    "BENCH_DOMAIN",
    "BENCH_PASSWORD",
    "LARGE_ORGANISATION",
    "STATUS_WEIGHTS",
    "SeedResult",
    "seed",
]


@dataclass
class SeedResult:
    n: int
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)
    status_counts: Counter = field(default_factory=Counter)
    large_organisation_id: int | None = None
    large_organisation_admin_id: int | None = None


@transaction.atomic
def seed(n: int, *, random_seed: int = 8, out=None, batch_size: int = BATCH) -> SeedResult:
    """Create n applications with everything the pages and exports read; returns counts."""
    started = time.monotonic()
    ctx = Context(
        rng=random.Random(random_seed),  # noqa: S311 -- reproducible test data
        today=timezone.localdate(),
        now=timezone.now(),
        staff={},
        batch_size=batch_size,
        out=out,
    )
    base_ensure(ctx.log)
    ctx.staff = staff()
    ref = reference_load(ctx.today)
    result = SeedResult(n=n)
    with own_timestamps():
        ctx.log(f"{max(6, n // 25)} organisations …")
        orgs = organisations_create(ctx, max(6, n // 25), ref.districts, ref.years[0] - 1)
        ctx.log(f"{n} applications …")
        cases = applications_create(ctx, n, ref, orgs)
        lifecycle_plan(ctx, cases)
        ctx.bulk(Application, [c.app for c in cases])
        ctx.log("districts, cost and financing plans …")
        cost_lines, financing_lines = plans_create(ctx, cases)
        ctx.log("formal checks, reviews, decisions …")
        rows = decisions_create(ctx, cases, ref.criteria)
        ctx.log("budget lines, commitments, payment requests, payouts …")
        rows |= money_create(ctx, cases)
        ctx.log("settlements, revocations, refund claims …")
        rows |= closing_create(ctx, cases)
        ctx.log("reports …")
        rows |= reports_create(ctx, cases)
        ctx.log("audit trail …")
        audit = audit_create(ctx, cases, rows["settlements"], rows["refund_claims"])
        ctx.log("processes and tasks …")
        builder = processes_create(ctx, cases, rows.pop("payouts"), rows["reports"])
    result.large_organisation_id = orgs.orgs[0].pk
    result.large_organisation_admin_id = orgs.people[0][0].pk
    result.status_counts = Counter(c.status for c in cases)
    result.counts = {
        "organisations": len(orgs.orgs),
        "users": len(orgs.users),
        "memberships": len(orgs.memberships),
        "applications": len(cases),
        "cost_lines": len(cost_lines),
        "financing_lines": len(financing_lines),
        **{name: len(items) for name, items in rows.items()},
        "audit_entries": len(audit),
        "processes": len(builder.processes),
        "tasks": len(builder.tasks),
        "assigned_tasks": sum(t.status == "ASSIGNED" for t in builder.tasks),
        "task_links": len(builder.links),
    }
    result.seconds = time.monotonic() - started
    return result
