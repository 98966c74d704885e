"""budget_seed: demo sources and lines for the programmes that exist."""

from decimal import Decimal

import pytest

from budgeting.demo import budget_seed
from budgeting.models import BudgetLine, FundingSource, FundingSourceKind
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_programmes():
    return [
        ProgrammeFactory(name="Kleinprojektefonds Integration"),
        ProgrammeFactory(name="Nachbarschaft verbindet"),
        ProgrammeFactory(name="Bildungschancen plus"),
    ]


def test_budget_seed_creates_a_city_line_per_programme_and_the_cofunded_lines(demo_programmes):
    assert budget_seed(year=2026) == 5
    assert dict(FundingSource.objects.values_list("name", "kind")) == {
        "Stadt Wuppertal – Haushalt": FundingSourceKind.CITY,
        "Land NRW – KOMM-AN NRW": FundingSourceKind.LAND,
        "Freudenberg Stiftung": FundingSourceKind.FOUNDATION,
    }
    lines = {
        (line.programme.name, line.source.kind): line
        for line in BudgetLine.objects.select_related("programme", "source")
    }
    assert set(lines) == {
        ("Kleinprojektefonds Integration", FundingSourceKind.CITY),
        ("Nachbarschaft verbindet", FundingSourceKind.CITY),
        ("Nachbarschaft verbindet", FundingSourceKind.LAND),
        ("Bildungschancen plus", FundingSourceKind.CITY),
        ("Bildungschancen plus", FundingSourceKind.FOUNDATION),
    }
    small = lines["Kleinprojektefonds Integration", FundingSourceKind.CITY]
    assert small.appropriation == Decimal("40000.00")
    assert lines["Nachbarschaft verbindet", FundingSourceKind.CITY].appropriation == Decimal(
        "150000.00"
    )
    assert (small.year, small.produkt, small.sachkonto) == (2026, "1.05.02.01", "531800")
    for line in lines.values():
        line.full_clean()


def test_budget_seed_is_idempotent_and_adds_other_years(demo_programmes):
    budget_seed(year=2026)
    assert budget_seed(year=2026) == 0
    assert BudgetLine.objects.count() == 5
    assert budget_seed(year=2027) == 5


def test_budget_seed_gives_any_other_programme_a_city_line():
    ProgrammeFactory(name="Demokratie leben in Wuppertal")
    assert budget_seed(year=2026) == 1
    assert BudgetLine.objects.get().source.kind == FundingSourceKind.CITY
