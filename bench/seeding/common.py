"""What every step of the bulk seeding shares: the run's context, one Case per application,
the money helpers, and the switch that lets bulk_create keep the timestamps we set."""

import random
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal

from django.utils import timezone

from applicants.models import Membership, Organisation
from budgeting.models import (
    BudgetAllocation,
    BudgetLine,
    GrantSettlement,
    LedgerEntry,
    PaymentRequest,
    RefundClaim,
)
from core.models import AuditEntry, User
from grants.models import (
    Application,
    ApplicationStatus,
    CaseProcedure,
    Decision,
    FormalCheck,
    Programme,
    Report,
    ReportCheck,
    Review,
)

S = ApplicationStatus
CENT = Decimal("0.01")
ZERO = Decimal("0.00")
BATCH = 5000
BENCH_DOMAIN = "bench.foerdertal.de"
BENCH_PASSWORD = "bench"  # noqa: S105 -- synthetic benchmark data only
LARGE_ORGANISATION = "Großträger Integration Wuppertal gGmbH"
AUTO_TIMES = {
    Application: ("created_at", "updated_at"),
    CaseProcedure: ("fixed_at",),
    Organisation: ("created_at",),
    Membership: ("joined_at",),
    FormalCheck: ("checked_at",),
    Review: ("reviewed_at",),
    Decision: ("decided_at",),
    BudgetAllocation: ("planned_at",),
    LedgerEntry: ("booked_at",),
    PaymentRequest: ("requested_at",),
    Report: ("created_at", "updated_at"),
    ReportCheck: ("checked_at",),
    GrantSettlement: ("settled_at",),
    RefundClaim: ("created_at",),
    AuditEntry: ("created_at",),
}


@dataclass
class Context:
    """The run: random source, today, the demo staff who act, batch size and progress output."""

    rng: random.Random
    today: date
    now: datetime
    staff: dict[str, User]
    batch_size: int
    out: Callable[[str], None] | None = None

    def log(self, message: str) -> None:
        if self.out is not None:
            self.out(message)

    def aware(self, day: date) -> datetime:
        """A moment in office hours of `day`, never in the future."""
        moment = datetime.combine(day, dtime(8, 0)) + timedelta(
            seconds=self.rng.randrange(9 * 3600)
        )
        return min(timezone.make_aware(moment), self.now - timedelta(minutes=5))

    def bulk(self, model, rows) -> list:
        return model.objects.bulk_create(rows, batch_size=self.batch_size)


@dataclass(eq=False)
class Case:
    """One seeded application and what the later steps derive from it."""

    app: Application
    programme: Programme
    year: int
    costs: Decimal
    districts: list[int]
    author: User
    story: str = ""  # how the grant goes on after the decision: see lifecycle.STORIES
    ended_at: datetime | None = None  # settled or revoked
    checked_at: datetime | None = None
    reviewed_at: datetime | None = None
    decided_at: datetime | None = None
    partial: bool = False
    score: int = 0
    approved: Decimal | None = None
    own: Decimal = ZERO
    third: Decimal = ZERO
    line: BudgetLine | None = None
    payouts: list[PaymentRequest] = field(default_factory=list)

    @property
    def status(self) -> str:
        return self.app.status

    @property
    def paid(self) -> Decimal:
        return sum((r.amount for r in self.payouts), ZERO)


@contextmanager
def own_timestamps():
    """Let bulk_create keep the timestamps we set (auto_now/auto_now_add would overwrite them)."""
    saved = []
    for model, names in AUTO_TIMES.items():
        for name in names:
            f = model._meta.get_field(name)
            saved.append((f, f.auto_now, f.auto_now_add))
            f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, auto_now, auto_now_add in saved:
            f.auto_now, f.auto_now_add = auto_now, auto_now_add


def money(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """`total` in `parts` whole-euro amounts (the last takes the cents), each > 0."""
    if parts <= 1 or total < parts * 10:
        return [total]
    weights = [rng.uniform(1, 4) for _ in range(parts)]
    scale = sum(weights)
    amounts = [Decimal(int(total * Decimal(w / scale))) for w in weights[:-1]]
    amounts = [a if a > 0 else Decimal(1) for a in amounts]
    return [*(money(a) for a in amounts), money(total - sum(amounts))]
