"""The demo budget's closed year, its carry-over and the co-funders' pledges, each only once."""

from decimal import Decimal

import pytest

from budgeting.demo import budget_seed, carry_over_seed, cofunding_seed
from budgeting.models import BudgetLine, CoFundingPledge, LedgerEntry
from tests.factories import ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_budget():
    for name in ("Kleinprojektefonds Integration", "Nachbarschaft verbindet", "Bildungschancen"):
        ProgrammeFactory(name=name)
    assert budget_seed(year=2025, closed=True) == 5
    assert budget_seed(year=2026) == 5


def test_the_closed_year_leaves_a_few_thousand_free_and_carries_them_over_once(demo_budget):
    user = UserFactory()
    free = {
        line.kostenstelle: line.free for line in BudgetLine.objects.filter(year=2025).with_amounts()
    }
    assert free == {
        "20510": Decimal("3200.00"),
        "20520": Decimal("4500.00"),
        "20521": Decimal("2400.00"),
        "20530": Decimal("2750.00"),
        "20531": Decimal("1500.00"),
    }
    assert carry_over_seed(year=2025, user=user) == 5
    assert carry_over_seed(year=2025, user=user) == 0
    carried = {
        line.kostenstelle: line.carry_over
        for line in BudgetLine.objects.filter(year=2026).with_amounts()
    }
    assert carried == free
    assert BudgetLine.objects.count() == 10


def test_the_cofunders_pledge_their_lines_once_and_half_has_arrived(demo_budget):
    user = UserFactory()
    assert cofunding_seed(year=2026, user=user) == 2
    assert cofunding_seed(year=2026, user=user) == 0
    pledges = CoFundingPledge.objects.order_by("amount")
    assert [(p.source.name, p.amount) for p in pledges] == [
        ("Freudenberg Stiftung", Decimal("25000.00")),
        ("Land NRW – KOMM-AN NRW", Decimal("60000.00")),
    ]
    assert [entry.amount for entry in LedgerEntry.objects.order_by("amount")] == [
        Decimal("12500.00"),
        Decimal("30000.00"),
    ]
