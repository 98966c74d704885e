"""Districts and the Kosten- und Finanzierungsplan: every plan balances
(costs = own funds + third-party funds + requested grant)."""

from decimal import Decimal

from bench.seeding.common import Case, Context, money, split
from grants.models import Application, CostCategory, CostLine, FinancingKind, FinancingLine

COST_CATEGORIES = [c.value for c in CostCategory]


def plans_create(ctx: Context, cases: list[Case]) -> tuple[list, list]:
    """Districts, two to four cost lines, own and third-party funds for the rest; the
    case keeps its own and third-party totals for the settlement."""
    through = Application.districts.through
    ctx.bulk(
        through,
        (through(application_id=c.app.pk, district_id=d) for c in cases for d in c.districts),
    )
    cost_lines, financing_lines = [], []
    for case in cases:
        cost_lines.extend(_cost_lines(ctx, case))
        financing_lines.extend(_financing_lines(ctx, case))
    ctx.bulk(CostLine, cost_lines)
    ctx.bulk(FinancingLine, financing_lines)
    return cost_lines, financing_lines


def _cost_lines(ctx: Context, case: Case) -> list[CostLine]:
    parts = split(case.costs, ctx.rng.choice((2, 3, 4)), ctx.rng)
    categories = ctx.rng.sample(COST_CATEGORIES, len(parts))
    return [
        CostLine(
            application_id=case.app.pk,
            category=c,
            description=f"{CostCategory(c).label} laut Kalkulation",
            amount=amount,
        )
        for c, amount in zip(categories, parts, strict=True)
    ]


def _financing_lines(ctx: Context, case: Case) -> list[FinancingLine]:
    """What the grant does not cover: 30–100 % own funds, the rest from a third party."""
    rest = case.costs - case.app.requested_amount
    if rest <= 0:
        return []
    case.own = money(int(rest * Decimal(ctx.rng.uniform(0.3, 1.0))))
    case.third = rest - case.own
    lines = [
        FinancingLine(
            application_id=case.app.pk,
            kind=FinancingKind.OWN,
            description="Eigenmittel des Trägers",
            amount=case.own,
        )
    ]
    if case.third > 0:
        kind = ctx.rng.choice((FinancingKind.INCOME, FinancingKind.FOUNDATION))
        lines.append(
            FinancingLine(
                application_id=case.app.pk,
                kind=kind,
                source_name="Freudenberg Stiftung" if kind == FinancingKind.FOUNDATION else "",
                description="Drittmittel",
                amount=case.third,
            )
        )
    return lines
