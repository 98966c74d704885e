"""A grant committed in two fiscal years: its payouts draw on the payout year's commitments
(annuality; tests/budgeting/test_annuality.py has the refusals)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.models import LedgerEntry, PaymentRequest
from budgeting.selectors import budget_lines_for_application
from budgeting.services import budget_commit
from budgeting.services.payout import (
    payment_arithmetic_signoff,
    payment_factual_signoff,
    payment_release,
)
from grants.models import Application, ApplicationStatus
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.clock import freeze_today
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_year_grant(monkeypatch):
    """Approved in August 2026: the 2027 part is bound under the 2027 line's VE."""
    freeze_today(monkeypatch, datetime.date(2026, 8, 14))
    user = UserFactory()
    application = ApplicationFactory(
        project_start=datetime.date(2026, 9, 1), project_end=datetime.date(2027, 6, 30)
    )
    programme = application.call.programme
    this_year = BudgetLineFactory(programme=programme, year=2026, appropriation=Decimal("9000"))
    next_year = BudgetLineFactory(
        programme=programme,
        year=2027,
        appropriation=Decimal("9000"),
        future_authorisation=Decimal("5000"),
    )
    for line, amount in ((this_year, "3000.00"), (next_year, "5000.00")):
        BudgetAllocationFactory(
            application=application, budget_line=line, amount=Decimal(amount), planned_by=user
        )
    budget_commit(application=application, amount=Decimal("8000.00"), user=user)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.FINAL)
    return application, this_year, next_year


def pay(monkeypatch, application, amount, day):
    """Request, sign and release on `day`, paid out that day."""
    freeze_today(monkeypatch, day)
    request = PaymentRequest.objects.create(
        application=application,
        amount=Decimal(amount),
        needed_within_two_months=True,
        requested_by=UserFactory(),
    )
    payment_factual_signoff(request=request, user=UserFactory())
    payment_arithmetic_signoff(request=request, user=UserFactory())
    payment_release(request=request, user=UserFactory(), payout_date=day)
    return {
        e.budget_line.year: e.amount for e in LedgerEntry.objects.filter(payment_request=request)
    }


def test_the_budget_check_offers_the_lines_of_every_project_year(two_year_grant):
    application, this_year, next_year = two_year_grant
    assert list(budget_lines_for_application(application)) == [this_year, next_year]


def test_a_payout_draws_on_the_commitment_of_its_year(monkeypatch, two_year_grant):
    application, _this_year, _next_year = two_year_grant
    assert pay(monkeypatch, application, "2000.00", datetime.date(2026, 10, 1)) == {
        2026: Decimal("2000.00")
    }
    assert pay(monkeypatch, application, "3000.00", datetime.date(2027, 2, 1)) == {
        2027: Decimal("3000.00")
    }


def test_when_the_year_does_not_cover_the_payout_it_is_refused(monkeypatch, two_year_grant):
    application, _this_year, _next_year = two_year_grant
    # 4,000.00 in 2026: the 2026 line has only 3,000.00 open; the 2027 part stays for 2027
    with pytest.raises(ValidationError, match=r"Für 2026 sind noch 3\.000,00"):
        pay(monkeypatch, application, "4000.00", datetime.date(2026, 10, 1))
    assert not LedgerEntry.objects.filter(kind="payout").exists()
