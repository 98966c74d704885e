"""Year-end carry-over: preview, booking in the ledger, only once a year."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.models import BudgetLine, LedgerEntry
from budgeting.selectors import budget_lines_with_amounts
from budgeting.services import budget_commit
from budgeting.services.carry_over import carry_over_book, carry_over_preview
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def year_2026():
    user = UserFactory()
    spent = BudgetLineFactory(year=2026, appropriation=Decimal("10000.00"))
    application = ApplicationFactory(call__programme=spent.programme)
    BudgetAllocationFactory(
        application=application, budget_line=spent, amount=Decimal("7500.00"), planned_by=user
    )
    budget_commit(application=application, amount=Decimal("7500.00"), user=user)
    full = BudgetLineFactory(year=2026, programme=spent.programme, appropriation=Decimal("0.00"))
    existing_next = BudgetLineFactory(
        year=2027,
        programme=spent.programme,
        kostenstelle=spent.kostenstelle,
        appropriation=Decimal("20000.00"),
    )
    return user, spent, full, existing_next


def test_the_preview_lists_the_free_money_and_its_target(year_2026):
    _user, spent, _full, existing_next = year_2026
    preview = carry_over_preview(year=2026)
    assert [(item.line, item.target, item.amount) for item in preview] == [
        (spent, existing_next, Decimal("2500.00"))
    ]


def test_booking_moves_the_free_money_through_the_ledger_once(year_2026):
    user, spent, _full, existing_next = year_2026
    booked = carry_over_book(year=2026, user=user)
    assert [b.amount for b in booked] == [Decimal("2500.00")]
    lines = {line.pk: line for line in budget_lines_with_amounts()}
    assert (lines[spent.pk].available, lines[spent.pk].free) == (
        Decimal("7500.00"),
        Decimal("0.00"),
    )
    assert (lines[existing_next.pk].carry_over, lines[existing_next.pk].available) == (
        Decimal("2500.00"),
        Decimal("22500.00"),
    )
    assert LedgerEntry.objects.filter(kind__in=["carry_out", "carry_in"]).count() == 2
    with pytest.raises(ValidationError, match="bereits übertragen"):
        carry_over_book(year=2026, user=user)


def test_a_missing_line_of_the_next_year_is_created():
    user = UserFactory()
    line = BudgetLineFactory(year=2026, appropriation=Decimal("300.00"))
    carry_over_book(year=2026, user=user)
    created = BudgetLine.objects.with_amounts().get(year=2027, kostenstelle=line.kostenstelle)
    assert (created.appropriation, created.carry_over) == (Decimal("0.00"), Decimal("300.00"))
