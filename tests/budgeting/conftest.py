import datetime

import pytest

from budgeting.models import FundingSourceKind
from tests.budgeting.factories import BudgetLineFactory, FundingSourceFactory
from tests.factories import ApplicationFactory, UserFactory


@pytest.fixture
def finance(db):
    """A member of Finanzen who plans and binds budget."""
    return UserFactory()


@pytest.fixture
def application(call):
    """An application of 8,000.00 € whose project starts in 2026."""
    return ApplicationFactory(
        call=call,
        project_start=datetime.date(2026, 3, 1),
        project_end=datetime.date(2026, 12, 31),
    )


@pytest.fixture
def city_line(programme):
    return BudgetLineFactory(programme=programme, year=2026, kostenstelle="20500")


@pytest.fixture
def land_line(programme):
    land = FundingSourceFactory(name="Land NRW – KOMM-AN NRW", kind=FundingSourceKind.LAND)
    return BudgetLineFactory(programme=programme, source=land, year=2026, kostenstelle="20520")
