"""Demo budget: funding sources and one budget line per programme and source for a year."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from budgeting.models import BudgetLine, FundingSource, FundingSourceKind
from grants.models import Programme

CITY = ("Stadt Wuppertal – Haushalt", FundingSourceKind.CITY)
LAND = ("Land NRW – KOMM-AN NRW", FundingSourceKind.LAND)
FREUDENBERG = ("Freudenberg Stiftung", FundingSourceKind.FOUNDATION)


@dataclass(frozen=True)
class LineSpec:
    """NKF coding and appropriation of a demo line; the programme is matched by name."""

    source: tuple[str, str]
    produkt: str
    kostenstelle: str
    sachkonto: str
    appropriation: Decimal
    name_contains: str = ""


# City lines: the first spec whose name fragment matches; the last one fits any programme.
CITY_LINES = (
    LineSpec(CITY, "1.05.02.01", "20510", "531800", Decimal("40000.00"), "Kleinprojekt"),
    LineSpec(CITY, "1.05.02.02", "20520", "531800", Decimal("150000.00"), "Nachbarschaft"),
    LineSpec(CITY, "1.05.02.03", "20530", "531800", Decimal("150000.00"), "Bildungschancen"),
    LineSpec(CITY, "1.05.02.01", "20500", "531800", Decimal("150000.00")),
)
COFUNDED_LINES = (
    LineSpec(LAND, "1.05.02.02", "20521", "531810", Decimal("60000.00"), "Nachbarschaft"),
    LineSpec(FREUDENBERG, "1.05.02.03", "20531", "531820", Decimal("25000.00"), "Bildungschancen"),
)


def funding_source_get(spec: tuple[str, str]) -> FundingSource:
    name, kind = spec
    return FundingSource.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def budget_line_ensure(*, programme: Programme, spec: LineSpec, year: int) -> bool:
    """Create the programme's line of this source and year unless one exists."""
    _line, created = BudgetLine.objects.get_or_create(
        year=year,
        programme=programme,
        source=funding_source_get(spec.source),
        defaults={
            "produkt": spec.produkt,
            "kostenstelle": spec.kostenstelle,
            "sachkonto": spec.sachkonto,
            "appropriation": spec.appropriation,
        },
    )
    return created


def budget_seed(*, year: int) -> int:
    """Create the demo sources and lines for the year (idempotent); returns the lines created."""
    created = 0
    with transaction.atomic():
        for spec in (CITY, LAND, FREUDENBERG):
            funding_source_get(spec)
        for programme in Programme.objects.order_by("pk"):
            city = next(s for s in CITY_LINES if s.name_contains in programme.name)
            created += budget_line_ensure(programme=programme, spec=city, year=year)
            for spec in COFUNDED_LINES:
                if spec.name_contains in programme.name:
                    created += budget_line_ensure(programme=programme, spec=spec, year=year)
    return created
