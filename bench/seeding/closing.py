"""Settled, closed and revoked grants: the Schlussfestsetzung with its computation, the
released commitment, and the refund claims, as budgeting.services.settlement and
workflow.staff.revocation leave them.

The settlement is computed by the real `grants.settlement.settle`. A closed grant was paid in
full and spent as planned (Z = H, nothing owed either way); a settled one is either paid in
full with costs that fell short (a refund is open) or half paid (the rest is requested).
"""

from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from bench.seeding.common import Case, Context, S, money
from budgeting.models import (
    GrantSettlement,
    LedgerEntry,
    LedgerEntryKind,
    RefundClaim,
    RefundReason,
)
from grants.models import FinancingType
from grants.settlement import SettlementInput, settle

PAY_WITHIN = relativedelta(months=1)  # budgeting.services.refund
REVOCATION_REASONS = "Der Zuwendungszweck wird nicht mehr erfüllt."


def closing_create(ctx: Context, cases: list[Case]) -> dict[str, list]:
    """Settlements, releases and refund claims of every settled, closed or revoked case."""
    settlements, releases, claims = [], [], []
    for case in cases:
        if case.status in (S.SETTLED, S.CLOSED):
            record = _settlement(ctx, case)
            settlements.append(record)
            if record.approved > record.final_grant:
                note = "Schlussfestsetzung: nicht benötigte Mittel"
                releases.append(_release(ctx, case, record.approved - record.final_grant, note))
            if record.refund > 0:
                claims.append(_claim(ctx, case, RefundReason.SETTLEMENT, record.refund))
        elif case.status == S.REVOKED:
            releases.append(_release(ctx, case, case.approved, "Widerruf"))
            if case.paid > 0:
                claims.append(_claim(ctx, case, RefundReason.REVOCATION, case.paid))
    ctx.bulk(GrantSettlement, settlements)
    ctx.bulk(LedgerEntry, releases)
    ctx.bulk(RefundClaim, claims)
    return {"settlements": settlements, "releases": releases, "refund_claims": claims}


def _settlement(ctx: Context, case: Case) -> GrantSettlement:
    programme = case.programme
    rate = None
    if programme.financing_type == FinancingType.SHARE:
        rate = programme.funding_rate / Decimal(100)
    costs = case.costs
    if case.story == "refund":
        costs = _costs_for(case, rate, case.approved * Decimal(str(ctx.rng.uniform(0.8, 0.95))))
    result = settle(
        SettlementInput(
            financing_type=programme.financing_type,
            approved=case.approved,
            rate=rate,
            costs_actual=costs,
            own_planned=case.own,
            own_actual=case.own,
            third_planned=case.third,
            third_actual=case.third,
            paid=case.paid,
        )
    )
    return GrantSettlement(
        application_id=case.app.pk,
        approved=case.approved,
        final_grant=result.final_grant,
        paid=case.paid,
        refund=result.refund,
        remaining_payable=result.remaining_payable,
        steps=result.stored_steps(),
        settled_by=ctx.staff["caseworker"],
        settled_at=case.ended_at,
    )


def _costs_for(case: Case, rate, grant: Decimal) -> Decimal:
    """The actual costs at which the financing type's formula gives `grant` (below H), own
    and third-party funds as planned."""
    kind = case.programme.financing_type
    if kind == FinancingType.SHARE:
        return money(grant / rate)
    if kind == FinancingType.GAP:
        return money(case.own + case.third + grant)
    if kind == FinancingType.FULL:
        return money(case.third + grant)
    return money(grant)  # FIXED: Z = min(H; A_ist)


def _release(ctx: Context, case: Case, amount: Decimal, note: str) -> LedgerEntry:
    return LedgerEntry(
        budget_line=case.line,
        application_id=case.app.pk,
        kind=LedgerEntryKind.RELEASE,
        amount=amount,
        booked_by=ctx.staff["approver" if case.status == S.REVOKED else "caseworker"],
        booked_at=case.ended_at,
        note=note,
    )


def _claim(ctx: Context, case: Case, reason: str, amount: Decimal) -> RefundClaim:
    """Open, due a month after its notice; interest runs from the last payout."""
    if reason == RefundReason.REVOCATION:
        explanation = f"Die Bewilligung ist widerrufen. Gründe: {REVOCATION_REASONS}"
    else:
        explanation = (
            "Nach dem geprüften Verwendungsnachweis ist die Zuwendung geringer als "
            "ausgezahlt. Der Unterschied ist zu erstatten."
        )
    claim = RefundClaim(
        application_id=case.app.pk,
        reason=reason,
        explanation=explanation,
        amount=amount,
        interest_from=max(r.payout_date for r in case.payouts),
        due_on=timezone.localdate(case.ended_at) + PAY_WITHIN,
        created_by=ctx.staff["approver" if reason == RefundReason.REVOCATION else "caseworker"],
        created_at=case.ended_at,
    )
    claim.notice_file.name = f"refunds/{case.app.pk}/rueckforderung-bench.pdf"
    return claim
