"""Budget lines, allocations, commitments, payment requests and payouts.

The ledger is append-only: bulk_create inserts, it never updates or deletes.
"""

from collections import defaultdict
from datetime import datetime, timedelta
from datetime import time as dtime
from decimal import ROUND_CEILING, Decimal

from django.utils import timezone

from bench.seeding.common import Case, Context, money
from bench.seeding.decisions import GRANTED, REVIEWED
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

HEADROOM = Decimal("1.25")  # appropriation over what the reviewed applications request
PAID_FULLY = {"refund", "even"}
PAID_HALF = {"half_paid", "rest"}


def money_create(ctx: Context, cases: list[Case]) -> dict[str, list]:
    """Allocations for reviewed cases, commitments for grants, payouts by the case's story;
    returns the rows, and under "payouts" the (request, state) pairs for the payout flow."""
    lines = _budget_lines(cases)
    allocations, entries, requests = [], [], []
    for case in cases:
        if case.status not in REVIEWED:
            continue
        case.line = lines[case.programme.pk, case.year]
        allocations.append(
            BudgetAllocation(
                application_id=case.app.pk,
                budget_line=case.line,
                amount=case.app.requested_amount,
                planned_by=ctx.staff["finance"],
                planned_at=case.reviewed_at,
            )
        )
        if case.status in GRANTED:
            entries.append(_commitment(ctx, case))
            requests.extend(_requests(ctx, case))
    ctx.bulk(BudgetAllocation, allocations)
    ctx.bulk(PaymentRequest, requests)
    entries.extend(_payout(ctx, case, r) for case in cases for r in case.payouts)
    ctx.bulk(LedgerEntry, entries)
    payouts = [(r, "released" if r.released_at else "requested") for r in requests]
    return {
        "budget_allocations": allocations,
        "ledger_entries": entries,
        "payment_requests": requests,
        "payouts": payouts,
    }


def _budget_lines(cases: list[Case]) -> dict[tuple[int, int], BudgetLine]:
    """A bench line per programme and year on the city's budget, with room for every
    reviewed application."""
    city = FundingSource.objects.filter(kind=FundingSourceKind.CITY).order_by("pk")
    source = city.first() or FundingSource.objects.create(
        name="Städtischer Haushalt", kind=FundingSourceKind.CITY
    )
    need = defaultdict(Decimal)
    for case in cases:
        if case.status in REVIEWED:
            need[case.programme.pk, case.year] += case.app.requested_amount
    lines = {}
    for (programme_pk, year), total in need.items():
        appropriation = money((total * HEADROOM / 1000).to_integral_value(ROUND_CEILING) * 1000)
        line, created = BudgetLine.objects.get_or_create(
            year=year,
            programme_id=programme_pk,
            source=source,
            produkt="05.01.03",
            kostenstelle=f"BENCH{programme_pk}",
            sachkonto="53180000",
            defaults={"appropriation": appropriation},
        )
        if not created:
            line.appropriation += appropriation
            line.save(update_fields=["appropriation"])
        lines[programme_pk, year] = line
    return lines


def _commitment(ctx: Context, case: Case) -> LedgerEntry:
    return LedgerEntry(
        budget_line=case.line,
        application_id=case.app.pk,
        kind=LedgerEntryKind.COMMITMENT,
        amount=case.approved,
        booked_by=ctx.staff["approver"],
        booked_at=case.decided_at,
        note="Bewilligung",
    )


def _payout(ctx: Context, case: Case, request: PaymentRequest) -> LedgerEntry:
    return LedgerEntry(
        budget_line=case.line,
        application_id=case.app.pk,
        kind=LedgerEntryKind.PAYOUT,
        amount=request.amount,
        booked_by=ctx.staff["releaser"],
        booked_at=request.released_at,
        note=f"Auszahlung Mittelabruf {request.pk}",
        payment_request=request,
    )


def _requests(ctx: Context, case: Case) -> list[PaymentRequest]:
    """The payment requests the story implies; released ones are the case's payouts."""
    if case.story in PAID_FULLY | PAID_HALF:
        share = 1 if case.story in PAID_FULLY else Decimal(2)
        case.payouts.append(_released(ctx, case, money(case.approved / share)))
    requests = list(case.payouts)
    if case.story == "requested":  # a first instalment waiting for the first signature
        at = ctx.now - timedelta(days=ctx.rng.randrange(1, 20))
        requests.append(_open(case, money(case.approved / 4), "Erste Rate", case.author, at))
    elif case.story == "rest":  # after the settlement (budgeting.services.payout)
        purpose = "Restzahlung nach der Schlussfestsetzung"
        rest = case.approved - case.paid
        requests.append(_open(case, rest, purpose, ctx.staff["caseworker"], case.ended_at))
    return requests


def _released(ctx: Context, case: Case, amount) -> PaymentRequest:
    """Paid three days after finality, signed off by three people."""
    at = timezone.make_aware(datetime.combine(case.app.final_on, dtime(10, 0)))
    at = min(at + timedelta(days=3), ctx.now)
    return PaymentRequest(
        application_id=case.app.pk,
        amount=amount,
        needed_within_two_months=True,
        purpose="Honorare und Material der ersten Monate",
        status=PaymentRequestStatus.RELEASED,
        requested_by=case.author,
        requested_at=at,
        factual_by=ctx.staff["caseworker"],
        factual_at=at,
        arithmetic_by=ctx.staff["finance"],
        arithmetic_at=at,
        released_by=ctx.staff["releaser"],
        released_at=at,
        payout_date=timezone.localdate(at),
        spend_by=timezone.localdate(at) + timedelta(days=61),
    )


def _open(case: Case, amount, purpose: str, by, at) -> PaymentRequest:
    return PaymentRequest(
        application_id=case.app.pk,
        amount=amount,
        needed_within_two_months=True,
        purpose=purpose,
        status=PaymentRequestStatus.REQUESTED,
        requested_by=by,
        requested_at=at,
    )
