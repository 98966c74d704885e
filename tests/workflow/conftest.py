import datetime
from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from budgeting.models import BudgetLine, FundingSource
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from core.services import roles_ensure
from grants.models import Criterion
from tests.factories import UserFactory


def staff_member(role: str, **kwargs):
    """A person of staff in the given role group."""
    roles_ensure()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def staff(db):
    return {
        "caseworker": staff_member(CASEWORKER, first_name="Sabine", last_name="Sachbearbeitung"),
        "reviewer": staff_member(REVIEWER, first_name="Gerd", last_name="Gutachter"),
        "finance": staff_member(FINANCE, first_name="Fiona", last_name="Finanzen"),
        "approver": staff_member(APPROVER, first_name="Bernd", last_name="Bewilliger"),
    }


@pytest.fixture
def budget_line(call):
    """A city budget line of the call's programme with 20,000.00 € for the project's year; its
    VE covers it in full, so that it can be bound the year before (in December the project
    starts next year)."""
    year = (timezone.localdate() + datetime.timedelta(days=30)).year
    source = FundingSource.objects.create(name="Stadt Wuppertal – Haushalt", kind="city")
    return BudgetLine.objects.create(
        year=year,
        programme=call.programme,
        source=source,
        produkt="1.05.02.01",
        kostenstelle="20500",
        sachkonto="531800",
        appropriation=Decimal("20000.00"),
        future_authorisation=Decimal("20000.00"),
    )


@pytest.fixture
def criteria(programme):
    return [
        Criterion.objects.create(programme=programme, name="Bedarf im Quartier", weight="2"),
        Criterion.objects.create(programme=programme, name="Wirkung", weight="1"),
    ]
