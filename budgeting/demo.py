"""Demo budget: funding sources and one budget line per programme and source for a year, the
carry-over of a closed year and the co-funders' pledges with money received."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from budgeting.models import (
    BudgetLine,
    CoFundingPledge,
    FundingSource,
    FundingSourceKind,
)
from budgeting.services.carry_over import carry_over_book, year_carried_over
from budgeting.services.cofunding import cofunding_receipt_book, pledge_record
from core.money import round_money
from grants.models import Programme

CITY = ("Stadt Wuppertal – Haushalt", FundingSourceKind.CITY)
LAND = ("Land NRW – KOMM-AN NRW", FundingSourceKind.LAND)
FREUDENBERG = ("Freudenberg Stiftung", FundingSourceKind.FOUNDATION)


@dataclass(frozen=True)
class Closed:
    """A closed year's figures of a line: its appropriation and the part blocked, so that only a
    plausible rest is left free for the carry-over (the demo has no cases in that year)."""

    appropriation: Decimal
    blocked: Decimal


@dataclass(frozen=True)
class LineSpec:
    """NKF coding and appropriation of a demo line; the programme is matched by name."""

    source: tuple[str, str]
    produkt: str
    kostenstelle: str
    sachkonto: str
    appropriation: Decimal
    name_contains: str = ""
    closed: Closed = Closed(Decimal("120000.00"), Decimal("116000.00"))


# City lines: the first spec whose name fragment matches; the last one fits any programme.
CITY_LINES = (
    LineSpec(
        CITY,
        "1.05.02.01",
        "20510",
        "531800",
        Decimal("40000.00"),
        "Kleinprojekt",
        Closed(Decimal("35000.00"), Decimal("31800.00")),
    ),
    LineSpec(
        CITY,
        "1.05.02.02",
        "20520",
        "531800",
        Decimal("150000.00"),
        "Nachbarschaft",
        Closed(Decimal("120000.00"), Decimal("115500.00")),
    ),
    LineSpec(
        CITY,
        "1.05.02.03",
        "20530",
        "531800",
        Decimal("150000.00"),
        "Bildungschancen",
        Closed(Decimal("120000.00"), Decimal("117250.00")),
    ),
    LineSpec(CITY, "1.05.02.01", "20500", "531800", Decimal("150000.00")),
)
COFUNDED_LINES = (
    LineSpec(
        LAND,
        "1.05.02.02",
        "20521",
        "531810",
        Decimal("60000.00"),
        "Nachbarschaft",
        Closed(Decimal("50000.00"), Decimal("47600.00")),
    ),
    LineSpec(
        FREUDENBERG,
        "1.05.02.03",
        "20531",
        "531820",
        Decimal("25000.00"),
        "Bildungschancen",
        Closed(Decimal("20000.00"), Decimal("18500.00")),
    ),
)


@dataclass(frozen=True)
class PledgeSpec:
    """A co-funder pledges its line of the year in full; half of it has arrived."""

    source: tuple[str, str]
    name_contains: str
    conditions: str


PLEDGES = (
    PledgeSpec(
        FREUDENBERG,
        "Bildungschancen",
        "Mittel nur für Lernpatenschaften; Zwischenbericht zum 30.09.",
    ),
    PledgeSpec(
        LAND,
        "Nachbarschaft",
        "Zuwendung nach den Richtlinien KOMM-AN NRW; Verwendungsnachweis bis zum 31.03. des "
        "Folgejahres.",
    ),
)


def funding_source_get(spec: tuple[str, str]) -> FundingSource:
    name, kind = spec
    return FundingSource.objects.get_or_create(name=name, defaults={"kind": kind})[0]


def budget_line_ensure(
    *, programme: Programme, spec: LineSpec, year: int, closed: bool = False
) -> bool:
    """Create the programme's line of this source and year unless one exists. A later year's
    line gets a VE of its whole appropriation, so that grants starting next year can be bound
    this year (budgeting.services.ledger.check_future_authorisation)."""
    figures = (
        {"appropriation": spec.closed.appropriation, "blocked": spec.closed.blocked}
        if closed
        else {"appropriation": spec.appropriation}
    )
    if not closed and year > timezone.localdate().year:
        figures["future_authorisation"] = spec.appropriation
    _line, created = BudgetLine.objects.get_or_create(
        year=year,
        programme=programme,
        source=funding_source_get(spec.source),
        defaults={
            "produkt": spec.produkt,
            "kostenstelle": spec.kostenstelle,
            "sachkonto": spec.sachkonto,
            **figures,
        },
    )
    return created


def budget_seed(*, year: int, closed: bool = False) -> int:
    """Create the demo sources and lines for the year (idempotent); returns the lines created.

    With `closed` the lines get the smaller, mostly blocked figures of a past year."""
    created = 0
    with transaction.atomic():
        for spec in (CITY, LAND, FREUDENBERG):
            funding_source_get(spec)
        for programme in Programme.objects.order_by("pk"):
            specs = [next(s for s in CITY_LINES if s.name_contains in programme.name)]
            specs += [s for s in COFUNDED_LINES if s.name_contains in programme.name]
            for spec in specs:
                created += budget_line_ensure(
                    programme=programme, spec=spec, year=year, closed=closed
                )
    return created


def carry_over_seed(*, year: int, user) -> int:
    """Carry the year's free money over into the next year unless that was done; returns the
    lines carried over. The next year's lines must exist, or the carry-over creates empty ones."""
    if year_carried_over(year):
        return 0
    return len(carry_over_book(year=year, user=user))


@transaction.atomic
def cofunding_seed(*, year: int, user) -> int:
    """The co-funders pledge their lines of the year in full and half of it has arrived (early
    in the year); lines that already have a pledge of their source are skipped."""
    today = timezone.localdate()
    pledged_on, received_on = min(date(year, 1, 10), today), min(date(year, 2, 15), today)
    created = 0
    for spec in PLEDGES:
        source = funding_source_get(spec.source)
        lines = BudgetLine.objects.filter(
            year=year, source=source, programme__name__contains=spec.name_contains
        ).exclude(pk__in=CoFundingPledge.objects.filter(source=source).values("budget_line"))
        for line in lines.order_by("pk"):
            pledge = pledge_record(
                source=source,
                budget_line=line,
                amount=line.appropriation,
                pledged_on=pledged_on,
                user=user,
                conditions=spec.conditions,
            )
            cofunding_receipt_book(
                pledge=pledge,
                amount=round_money(pledge.amount / 2),
                received_on=received_on,
                user=user,
            )
            created += 1
    return created
