"""seed(n): n applications spread over programmes, calls, statuses, districts, organisations.

Reference data (roles, demo staff, programmes, calls, budget lines, demo cases) comes from the
real demo seeding (workflow.demo.cases_seed) when the database has no organisation yet; the n
applications and everything that hangs on them are then written with bulk_create in batches.
Money is Decimal throughout; every plan balances (costs = own + third-party + requested).
"""

import random
import time
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as dtime
from decimal import ROUND_CEILING, Decimal

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone

from applicants.models import BankAccount, LegalForm, Membership, Organisation
from bench.seeding.workflow_rows import APPLICATION_STEPS, PAYOUT_STEPS, ProcessBuilder
from budgeting.models import (
    BudgetAllocation,
    BudgetLine,
    FundingSource,
    FundingSourceKind,
    LedgerEntry,
    LedgerEntryKind,
    PaymentRequest,
    PaymentRequestStatus,
)
from core.models import District, User
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import (
    Application,
    ApplicationStatus,
    Call,
    CostCategory,
    CostLine,
    Decision,
    DecisionOutcome,
    FinancingKind,
    FinancingLine,
    FinancingType,
    FormalCheck,
    FormalCheckResult,
    Programme,
    Recommendation,
    ReferenceCounter,
    Review,
    ReviewScore,
)
from grants.scoring import weighted_total
from workflow.flows import ApplicationFlow
from workflow.payout_flow import PayoutFlow

S = ApplicationStatus
CENT = Decimal("0.01")
BATCH = 5000
BENCH_DOMAIN = "bench.foerdertal.de"
BENCH_PASSWORD = "bench"  # noqa: S105 -- synthetic benchmark data only
LARGE_ORGANISATION = "Großträger Integration Wuppertal gGmbH"

# Share of each status among the n applications (sums to 1).
STATUS_WEIGHTS = {
    S.DRAFT: 0.12,
    S.SUBMITTED: 0.08,
    S.REVISION_REQUESTED: 0.03,
    S.IN_REVIEW: 0.08,
    S.AWAITING_DECISION: 0.05,
    S.APPROVED: 0.06,
    S.FINAL: 0.33,
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
YEARS_BACK = 4  # calls of this year and the four before
TITLES = (
    "Sprachcafé",
    "Nachbarschaftsgarten",
    "Elterncafé",
    "Lernpatenschaften",
    "Fest der Kulturen",
    "Stadtteilspaziergänge",
    "Nähwerkstatt",
    "Ausbildungslotsen",
    "Leseclub",
    "MINT-Werkstatt",
    "Frauenfrühstück",
    "Fußball verbindet",
    "Theaterprojekt",
    "Beratungsabende",
)
PLACES = (
    "Elberfeld",
    "Arrenberg",
    "Uellendahl",
    "Vohwinkel",
    "Cronenberg",
    "Barmen",
    "Wichlinghausen",
    "Heckinghausen",
    "Langerfeld",
    "Ronsdorf",
)
COST_CATEGORIES = [c.value for c in CostCategory]
AUTO_TIMES = {
    Application: ("created_at", "updated_at"),
    Organisation: ("created_at",),
    Membership: ("joined_at",),
    FormalCheck: ("checked_at",),
    Review: ("reviewed_at",),
    Decision: ("decided_at",),
    BudgetAllocation: ("planned_at",),
    LedgerEntry: ("booked_at",),
    PaymentRequest: ("requested_at",),
}


@dataclass
class SeedResult:
    n: int
    seconds: float = 0.0
    counts: dict = field(default_factory=dict)
    status_counts: Counter = field(default_factory=Counter)
    large_organisation_id: int | None = None
    large_organisation_admin_id: int | None = None


@contextmanager
def _own_timestamps():
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


def _money(value) -> Decimal:
    return Decimal(value).quantize(CENT)


def _split(total: Decimal, parts: int, rng: random.Random) -> list[Decimal]:
    """`total` in `parts` whole-euro amounts (the last takes the cents), each > 0."""
    if parts <= 1 or total < parts * 10:
        return [total]
    weights = [rng.uniform(1, 4) for _ in range(parts)]
    scale = sum(weights)
    amounts = [Decimal(int(total * Decimal(w / scale))) for w in weights[:-1]]
    amounts = [a if a > 0 else Decimal(1) for a in amounts]
    return [*(_money(a) for a in amounts), _money(total - sum(amounts))]


def _log(out, message):
    if out is not None:
        out(message)


def _base_ensure(out) -> None:
    """Roles, demo staff, programmes, calls and budget lines through the real demo seeding."""
    if Organisation.objects.exists():
        return
    from workflow.demo import cases_seed

    _log(out, "demo base data (real services) …")
    cases_seed()


def _staff() -> dict[str, User]:
    from grants.demo.people import DEMO_USERS

    by_email = {u.email: u for u in User.objects.filter(email__in=[p.email for p in DEMO_USERS])}
    staff = {}
    for person in DEMO_USERS:
        staff.setdefault(person.role, by_email[person.email])
    releaser = [by_email[p.email] for p in DEMO_USERS if p.role == FINANCE][-1]
    return {
        "caseworker": staff[CASEWORKER],
        "reviewer": staff[REVIEWER],
        "approver": staff[APPROVER],
        "finance": staff[FINANCE],
        "releaser": releaser,
    }


def _calls(programmes, today: date) -> dict[tuple[int, int], Call]:
    """A call per programme and year: this year's open demo call, closed ones before."""
    calls = {}
    for programme in programmes:
        current = Call.objects.open_on(today).filter(programme=programme).first()
        for year in range(today.year - YEARS_BACK, today.year + 1):
            if year == today.year and current is not None:
                calls[programme.pk, year] = current
                continue
            call, _created = Call.objects.get_or_create(
                programme=programme,
                title=f"Förderaufruf {year}",
                defaults={
                    "opens_on": date(year, 1, 15),
                    "closes_on": date(year, 3, 31),
                    "project_start_earliest": date(year, 5, 1),
                    "project_end_latest": date(year + 1, 12, 31),
                },
            )
            calls[programme.pk, year] = call
    return calls


def _aware(day: date, rng: random.Random) -> datetime:
    moment = datetime.combine(day, dtime(8, 0)) + timedelta(seconds=rng.randrange(9 * 3600))
    return timezone.make_aware(moment)


@transaction.atomic
def seed(n: int, *, random_seed: int = 8, out=None, batch_size: int = BATCH) -> SeedResult:
    """Create n applications with everything the pages and exports read; returns counts."""
    started = time.monotonic()
    rng = random.Random(random_seed)  # noqa: S311 -- reproducible test data
    result = SeedResult(n=n)
    _base_ensure(out)
    today = timezone.localdate()
    staff = _staff()
    programmes = list(Programme.objects.prefetch_related("criteria", "eligible_districts"))
    criteria = {p.pk: list(p.criteria.all()) for p in programmes}
    eligible = {p.pk: [d.pk for d in p.eligible_districts.all()] for p in programmes}
    all_districts = list(District.objects.values_list("pk", flat=True))
    calls = _calls(programmes, today)
    password = make_password(BENCH_PASSWORD)
    years = list(range(today.year - YEARS_BACK, today.year + 1))

    with _own_timestamps():
        # --- organisations, their people, bank accounts -------------------------------------
        n_orgs = max(6, n // 25)
        large_share = max(10, n // 50)  # 2,000 of 100,000: the portal list benchmark
        _log(out, f"{n_orgs} organisations …")
        tag = f"{int(time.time())}-{rng.randrange(10**6)}"
        orgs = []
        for i in range(n_orgs):
            district = rng.choice(all_districts)
            orgs.append(
                Organisation(
                    name=LARGE_ORGANISATION
                    if i == 0
                    else f"{rng.choice(TITLES)}-Verein {rng.choice(PLACES)} {i} e. V.",
                    legal_form=LegalForm.GGMBH if i == 0 else rng.choice(list(LegalForm.values)),
                    register_number=f"VR {40000 + i}",
                    street=f"Bench-Straße {i % 300 + 1}",
                    postcode=f"42{rng.randrange(100, 400):03d}",
                    city="Wuppertal",
                    district_id=district,
                    is_nonprofit=True,
                    tax_exemption_date=date(today.year - 1, 3, 1),
                    contact_name=f"Kontakt {i}",
                    contact_email=f"kontakt-{i}@{BENCH_DOMAIN}",
                    created_at=_aware(date(years[0] - 1, 1, 1) + timedelta(days=i % 365), rng),
                )
            )
        orgs = Organisation.objects.bulk_create(orgs, batch_size=batch_size)
        BankAccount.objects.bulk_create(
            (
                BankAccount(
                    organisation=o,
                    holder=o.name[:200],
                    iban="DE89370400440532013000",
                    bic="COBADEFFXXX",
                    bank_name="Commerzbank",
                )
                for o in orgs
            ),
            batch_size=batch_size,
        )
        users, memberships = [], []
        for i in range(len(orgs)):
            people = 4 if i == 0 else rng.choice((1, 1, 2, 3))
            for j in range(people):
                users.append(
                    User(
                        email=f"b{tag}-{i}-{j}@{BENCH_DOMAIN}",
                        first_name=rng.choice(("Aylin", "Dimitrios", "Jana", "Kwame", "Rana")),
                        last_name=f"Bench{i}",
                        password=password,
                        is_active=True,
                    )
                )
        users = User.objects.bulk_create(users, batch_size=batch_size)
        k = 0
        org_people = []
        for i, o in enumerate(orgs):
            people = []
            while k < len(users) and users[k].email.startswith(f"b{tag}-{i}-"):
                people.append(users[k])
                memberships.append(
                    Membership(
                        user=users[k],
                        organisation=o,
                        role=Membership.Role.ADMIN if not people[:-1] else Membership.Role.MEMBER,
                        joined_at=o.created_at,
                    )
                )
                k += 1
            org_people.append(people)
        Membership.objects.bulk_create(memberships, batch_size=batch_size)
        result.large_organisation_id = orgs[0].pk
        result.large_organisation_admin_id = org_people[0][0].pk

        # --- the applications -----------------------------------------------------------------
        _log(out, f"{n} applications …")
        statuses = list(STATUS_WEIGHTS)
        weights = list(STATUS_WEIGHTS.values())
        programme_weights = [5, 3, 2] + [1] * max(0, len(programmes) - 3)
        org_weights = [1.0 / (1 + i % 97) ** 0.5 for i in range(1, n_orgs)]
        counters = {c.year: c.last_number for c in ReferenceCounter.objects.filter(year__in=years)}
        counters = {year: counters.get(year, 0) for year in years}
        planned = []  # one dict per application with everything derived later
        apps = []
        for idx in range(n):
            status = rng.choices(statuses, weights)[0] if idx >= 9 else statuses[idx % 9]
            if idx < large_share:
                organisation_index = 0
            else:
                organisation_index = rng.choices(range(1, n_orgs), org_weights)[0]
            programme = rng.choices(programmes, programme_weights[: len(programmes)])[0]
            year = today.year if status in OPEN_STATUSES else rng.choice(years)
            call = calls[programme.pk, year]
            created_day = call.opens_on + timedelta(
                days=rng.randrange(max(1, (min(call.closes_on, today) - call.opens_on).days))
            )
            created = _aware(min(created_day, today), rng)
            duration = rng.randrange(3, programme.max_duration_months + 1)
            start = max(call.project_start_earliest, created_day + timedelta(days=30)).replace(
                day=1
            ) + timedelta(days=31)
            start = start.replace(day=1)
            end = min(
                (start + timedelta(days=30 * duration)).replace(day=1) - timedelta(days=1),
                call.project_end_latest,
            )
            if end <= start:
                end = start + timedelta(days=60)
            requested = _money(
                (programme.max_amount * Decimal(rng.uniform(0.15, 1.0)) / 50).to_integral_value()
                * 50
            )
            if programme.financing_type == FinancingType.SHARE and programme.funding_rate:
                costs = (requested * 100 / programme.funding_rate / 10).to_integral_value(
                    ROUND_CEILING
                ) * 10 + Decimal(rng.randrange(0, 20) * 50)
            elif programme.financing_type == FinancingType.FULL:
                costs = requested
            else:
                costs = requested + Decimal(int(requested * Decimal(rng.uniform(0.02, 0.4))))
            costs = _money(costs)
            people = org_people[organisation_index]
            author = rng.choice(people)
            submitted = None
            if status != S.DRAFT:
                submitted = created + timedelta(days=rng.randrange(1, 20))
                submitted = min(submitted, timezone.now() - timedelta(minutes=5))
            districts = rng.sample(
                eligible[programme.pk] or all_districts,
                k=min(rng.choice((1, 1, 1, 2, 3)), len(eligible[programme.pk] or all_districts)),
            )
            title = f"{rng.choice(TITLES)} {rng.choice(PLACES)} {idx + 1}"
            apps.append(
                Application(
                    organisation=orgs[organisation_index],
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
            )
            planned.append(
                {
                    "status": status,
                    "programme": programme,
                    "year": year,
                    "costs": costs,
                    "districts": districts,
                    "author": author,
                }
            )
        # References in the order of submission, per year.
        order = sorted(
            (i for i, a in enumerate(apps) if a.submitted_at is not None),
            key=lambda i: apps[i].submitted_at,
        )
        prefix = settings.APPLICATION_REFERENCE_PREFIX
        for i in order:
            year = timezone.localdate(apps[i].submitted_at).year
            counters[year] = counters.get(year, 0) + 1
            apps[i].reference = f"{prefix}-{year}-{counters[year]:04d}"
        for i, a in enumerate(apps):
            if a.status in (S.FINAL,):
                a.final_on = min(today, timezone.localdate(a.submitted_at) + timedelta(days=75))
                if rng.random() < 0.4:
                    # The waiver made it final that day (grants.services.finality).
                    a.waiver_declared_at = min(timezone.now(), _aware(a.final_on, rng))
                    a.waiver_declared_by = planned[i]["author"]
        apps = Application.objects.bulk_create(apps, batch_size=batch_size)
        for year, last in counters.items():
            ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": last})
        result.status_counts = Counter(a.status for a in apps)

        # --- districts, plans ----------------------------------------------------------------
        _log(out, "districts, cost and financing plans …")
        through = Application.districts.through
        through.objects.bulk_create(
            (
                through(application_id=a.pk, district_id=d)
                for a, p in zip(apps, planned, strict=True)
                for d in p["districts"]
            ),
            batch_size=batch_size,
        )
        cost_lines, financing_lines = [], []
        for a, p in zip(apps, planned, strict=True):
            parts = _split(p["costs"], rng.choice((2, 3, 4)), rng)
            categories = rng.sample(COST_CATEGORIES, len(parts))
            cost_lines.extend(
                CostLine(
                    application_id=a.pk,
                    category=c,
                    description=f"{CostCategory(c).label} laut Kalkulation",
                    amount=amount,
                )
                for c, amount in zip(categories, parts, strict=True)
            )
            rest = p["costs"] - a.requested_amount
            if rest > 0:
                own = _money(int(rest * Decimal(rng.uniform(0.3, 1.0))))
                financing_lines.append(
                    FinancingLine(
                        application_id=a.pk,
                        kind=FinancingKind.OWN,
                        description="Eigenmittel des Trägers",
                        amount=own,
                    )
                )
                third = rest - own
                if third > 0:
                    kind = rng.choice((FinancingKind.INCOME, FinancingKind.FOUNDATION))
                    financing_lines.append(
                        FinancingLine(
                            application_id=a.pk,
                            kind=kind,
                            source_name="Freudenberg Stiftung"
                            if kind == FinancingKind.FOUNDATION
                            else "",
                            description="Drittmittel",
                            amount=third,
                        )
                    )
        CostLine.objects.bulk_create(cost_lines, batch_size=batch_size)
        FinancingLine.objects.bulk_create(financing_lines, batch_size=batch_size)

        # --- the case: formal checks, reviews, budget plans, decisions ---------------------
        _log(out, "formal checks, reviews, decisions …")
        checked = {
            S.REVISION_REQUESTED,
            S.IN_REVIEW,
            S.AWAITING_DECISION,
            S.APPROVED,
            S.FINAL,
            S.REJECTED,
        }
        reviewed = {S.AWAITING_DECISION, S.APPROVED, S.FINAL, S.REJECTED}
        decided = {S.APPROVED, S.FINAL, S.REJECTED}
        checks, reviews, decisions, times = [], [], [], {}
        for a, p in zip(apps, planned, strict=True):
            if a.status not in checked:
                continue
            t0 = a.submitted_at
            t_check = t0 + timedelta(days=rng.randrange(2, 10))
            t_review = t_check + timedelta(days=rng.randrange(5, 20))
            t_decide = t_review + timedelta(days=rng.randrange(3, 15))
            now = timezone.now()
            t_check, t_review, t_decide = (min(t, now) for t in (t_check, t_review, t_decide))
            times[a.pk] = (t0, t_check, t_review, t_decide)
            revision = a.status == S.REVISION_REQUESTED
            checks.append(
                FormalCheck(
                    application_id=a.pk,
                    round=1,
                    result=FormalCheckResult.REVISION if revision else FormalCheckResult.COMPLETE,
                    message="Bitte laden Sie die unterschriebene Satzung hoch." if revision else "",
                    checked_by=staff["caseworker"],
                    checked_at=t_check,
                )
            )
            if a.status not in reviewed:
                continue
            if a.status == S.REJECTED:
                recommendation, score = Recommendation.REJECT, 2
            else:
                recommendation, score = Recommendation.APPROVE, rng.choice((3, 4, 5))
            p["partial"] = a.status in (S.APPROVED, S.FINAL) and rng.random() < 0.15
            p["score"] = score
            crit = criteria[p["programme"].pk]
            reviews.append(
                Review(
                    application_id=a.pk,
                    reviewer=staff["reviewer"],
                    assessment="Das Konzept ist nachvollziehbar; die Zielgruppe wird erreicht.",
                    recommendation=Recommendation.PARTIAL if p["partial"] else recommendation,
                    recommended_amount=_money(a.requested_amount * Decimal("0.8"))
                    if p["partial"]
                    else None,
                    no_conflict_of_interest=True,
                    weighted_total=weighted_total([(score, c.weight) for c in crit])
                    if crit
                    else Decimal("0.00"),
                    reviewed_at=t_review,
                )
            )
            if a.status not in decided:
                continue
            if a.status == S.REJECTED:
                outcome, amount = DecisionOutcome.REJECTED, Decimal("0.00")
                reasons = "Das Vorhaben ist im Förderprogramm nicht förderfähig."
            elif p["partial"]:
                outcome = DecisionOutcome.PARTIAL
                amount = _money(a.requested_amount * Decimal("0.8"))
                reasons = "Gefördert werden 80 % der beantragten Summe."
            else:
                outcome, amount, reasons = DecisionOutcome.APPROVED, a.requested_amount, ""
            p["approved"] = amount
            decisions.append(
                Decision(
                    application_id=a.pk,
                    outcome=outcome,
                    approved_amount=amount,
                    reasons=reasons,
                    decided_by=staff["approver"],
                    decided_at=t_decide,
                )
            )
        FormalCheck.objects.bulk_create(checks, batch_size=batch_size)
        reviews = Review.objects.bulk_create(reviews, batch_size=batch_size)
        by_app = {a.pk: p for a, p in zip(apps, planned, strict=True)}
        ReviewScore.objects.bulk_create(
            (
                ReviewScore(review_id=r.pk, criterion=c, score=by_app[r.application_id]["score"])
                for r in reviews
                for c in criteria[by_app[r.application_id]["programme"].pk]
            ),
            batch_size=batch_size,
        )
        Decision.objects.bulk_create(decisions, batch_size=batch_size)

        # --- budget lines, plans, commitments, payment requests, payouts --------------------
        _log(out, "budget lines, commitments, payment requests, payouts …")
        city = FundingSource.objects.filter(kind=FundingSourceKind.CITY).order_by("pk")
        source = city.first() or FundingSource.objects.create(
            name="Städtischer Haushalt", kind=FundingSourceKind.CITY
        )
        need = defaultdict(Decimal)
        for a, p in zip(apps, planned, strict=True):
            if a.status in reviewed:
                need[p["programme"].pk, p["year"]] += a.requested_amount
        lines = {}
        for (programme_pk, year), total in need.items():
            appropriation = _money(
                (total * Decimal("1.25") / 1000).to_integral_value(ROUND_CEILING) * 1000
            )
            line, _created = BudgetLine.objects.get_or_create(
                year=year,
                programme_id=programme_pk,
                source=source,
                produkt="05.01.03",
                kostenstelle=f"BENCH{programme_pk}",
                sachkonto="53180000",
                defaults={"appropriation": appropriation},
            )
            if not _created:
                line.appropriation += appropriation
                line.save(update_fields=["appropriation"])
            lines[programme_pk, year] = line
        allocations, entries, requests, request_meta = [], [], [], []
        for a, p in zip(apps, planned, strict=True):
            if a.status not in reviewed:
                continue
            line = lines[p["programme"].pk, p["year"]]
            _t0, _t_check, t_review, t_decide = times[a.pk]
            allocations.append(
                BudgetAllocation(
                    application_id=a.pk,
                    budget_line=line,
                    amount=a.requested_amount,
                    planned_by=staff["finance"],
                    planned_at=t_review,
                )
            )
            if a.status not in (S.APPROVED, S.FINAL):
                continue
            entries.append(
                LedgerEntry(
                    budget_line=line,
                    application_id=a.pk,
                    kind=LedgerEntryKind.COMMITMENT,
                    amount=p["approved"],
                    booked_by=staff["approver"],
                    booked_at=t_decide,
                    note="Bewilligung",
                )
            )
            if a.status != S.FINAL:
                continue
            roll = rng.random()
            if roll < 0.6:  # half paid out, signed off by three people
                t_request = timezone.make_aware(datetime.combine(a.final_on, dtime(10, 0)))
                t_request = min(t_request + timedelta(days=3), timezone.now())
                requests.append(
                    PaymentRequest(
                        application_id=a.pk,
                        amount=_money(p["approved"] / 2),
                        needed_within_two_months=True,
                        purpose="Honorare und Material der ersten Monate",
                        status=PaymentRequestStatus.RELEASED,
                        requested_by=p["author"],
                        requested_at=t_request,
                        factual_by=staff["caseworker"],
                        factual_at=t_request,
                        arithmetic_by=staff["finance"],
                        arithmetic_at=t_request,
                        released_by=staff["releaser"],
                        released_at=t_request,
                        payout_date=timezone.localdate(t_request),
                        spend_by=timezone.localdate(t_request) + timedelta(days=61),
                    )
                )
                request_meta.append((line, "released"))
            elif roll < 0.75:  # a request waiting for the first signature
                t_request = timezone.now() - timedelta(days=rng.randrange(1, 20))
                requests.append(
                    PaymentRequest(
                        application_id=a.pk,
                        amount=_money(p["approved"] / 4),
                        needed_within_two_months=True,
                        purpose="Erste Rate",
                        status=PaymentRequestStatus.REQUESTED,
                        requested_by=p["author"],
                        requested_at=t_request,
                    )
                )
                request_meta.append((line, "requested"))
        BudgetAllocation.objects.bulk_create(allocations, batch_size=batch_size)
        requests = PaymentRequest.objects.bulk_create(requests, batch_size=batch_size)
        for request, (line, state) in zip(requests, request_meta, strict=True):
            if state == "released":
                entries.append(
                    LedgerEntry(
                        budget_line=line,
                        application_id=request.application_id,
                        kind=LedgerEntryKind.PAYOUT,
                        amount=request.amount,
                        booked_by=staff["releaser"],
                        booked_at=request.released_at,
                        note=f"Auszahlung Mittelabruf {request.pk}",
                        payment_request=request,
                    )
                )
        # Append-only: bulk_create inserts, it never updates or deletes.
        LedgerEntry.objects.bulk_create(entries, batch_size=batch_size)

        # --- viewflow processes and tasks ----------------------------------------------------
        _log(out, "processes and tasks …")
        builder = ProcessBuilder(staff=staff)
        app_type = ContentType.objects.get_for_model(Application)
        request_type = ContentType.objects.get_for_model(PaymentRequest)
        for a in apps:
            if a.status == S.DRAFT:
                continue
            end = times.get(a.pk, (a.submitted_at,) * 4)[3]
            if a.status in (S.SUBMITTED, S.WITHDRAWN):
                end = a.submitted_at + timedelta(days=1)
            builder.add(
                flow=ApplicationFlow,
                steps=APPLICATION_STEPS[a.status],
                content_type=app_type,
                object_id=a.pk,
                start=a.submitted_at,
                end=max(end, a.submitted_at),
            )
        for request, (_line, state) in zip(requests, request_meta, strict=True):
            builder.add(
                flow=PayoutFlow,
                steps=PAYOUT_STEPS[state],
                content_type=request_type,
                object_id=request.pk,
                start=request.requested_at,
                end=request.released_at or request.requested_at,
            )
        n_processes, n_tasks = builder.write(batch_size)
        _reset_sequences()

    result.counts = {
        "organisations": len(orgs),
        "users": len(users),
        "memberships": len(memberships),
        "applications": len(apps),
        "cost_lines": len(cost_lines),
        "financing_lines": len(financing_lines),
        "formal_checks": len(checks),
        "reviews": len(reviews),
        "decisions": len(decisions),
        "budget_allocations": len(allocations),
        "ledger_entries": len(entries),
        "payment_requests": len(requests),
        "processes": n_processes,
        "tasks": n_tasks,
        "task_links": len(builder.links),
    }
    result.seconds = time.monotonic() - started
    return result


def _reset_sequences() -> None:
    """Processes and tasks got explicit ids: move PostgreSQL's sequences past them."""
    from viewflow.workflow.models import Process, Task

    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Process, Task]):
            cursor.execute(sql)
