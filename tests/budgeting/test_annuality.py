"""Annuality (Jährlichkeit): a payout is booked on the lines of the year it is paid in and draws
only on that year's commitments; the refusal names the year split."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.models import LedgerEntry, PaymentRequest, PaymentRequestStatus
from budgeting.services import budget_commit
from budgeting.services.payout import (
    commitments_by_year,
    payment_arithmetic_signoff,
    payment_factual_signoff,
    payment_release,
    payment_request_create,
    payment_request_refusal,
)
from grants.models import Application, ApplicationStatus
from tests.budgeting.factories import (
    BudgetAllocationFactory,
    BudgetLineFactory,
    FundingSourceFactory,
)
from tests.clock import freeze_today
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date

SPLIT_AFTER_FIRST_PAYOUT = (
    "Bindungen dieser Zuwendung: 2026: 3.000,00\N{NO-BREAK SPACE}€ (davon ausgezahlt "
    "1.500,00\N{NO-BREAK SPACE}€), 2027: 4.000,00\N{NO-BREAK SPACE}€. Eine andere Aufteilung "
    "auf die Jahre ist nur mit einem Änderungsbescheid möglich."
)


@pytest.fixture
def two_year_grant(monkeypatch):
    """7,000.00 € for September 2026 to June 2027, bound in August 2026: 3,000.00 on the 2026
    city line; 4,000.00 in 2027, 2,500.00 on the city line and 1,500.00 on the Land line."""
    freeze_today(monkeypatch, D(2026, 8, 14))
    user = UserFactory()
    application = ApplicationFactory(
        project_start=D(2026, 9, 1),
        project_end=D(2027, 6, 30),
        requested_amount=Decimal("7000.00"),
    )
    programme = application.call.programme
    land = FundingSourceFactory(name="Land NRW", kind="land")
    lines = {
        "2026": BudgetLineFactory(programme=programme, year=2026),
        "2027 city": BudgetLineFactory(
            programme=programme, year=2027, future_authorisation=Decimal("5000.00")
        ),
        "2027 land": BudgetLineFactory(
            programme=programme, source=land, year=2027, future_authorisation=Decimal("5000.00")
        ),
    }
    for key, amount in (("2026", "3000.00"), ("2027 city", "2500.00"), ("2027 land", "1500.00")):
        BudgetAllocationFactory(
            application=application, budget_line=lines[key], amount=Decimal(amount), planned_by=user
        )
    budget_commit(application=application, amount=Decimal("7000.00"), user=user)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.FINAL)
    application.refresh_from_db()
    return application, lines


def release(monkeypatch, application, amount, day):
    """A signed request released on `day`, paid out that day."""
    freeze_today(monkeypatch, day)
    request = PaymentRequest.objects.create(
        application=application,
        amount=Decimal(amount),
        needed_within_two_months=True,
        requested_by=UserFactory(),
    )
    payment_factual_signoff(request=request, user=UserFactory())
    payment_arithmetic_signoff(request=request, user=UserFactory())
    return payment_release(request=request, user=UserFactory(), payout_date=day)


def payouts_by_line(request):
    return {
        entry.budget_line_id: entry.amount
        for entry in LedgerEntry.objects.filter(payment_request=request)
    }


def test_the_commitments_are_split_by_year(monkeypatch, two_year_grant):
    application, _lines = two_year_grant
    release(monkeypatch, application, "1500.00", D(2026, 10, 1))
    assert [(f.year, f.committed, f.paid, f.open) for f in commitments_by_year(application)] == [
        (2026, Decimal("3000.00"), Decimal("1500.00"), Decimal("1500.00")),
        (2027, Decimal("4000.00"), Decimal("0.00"), Decimal("4000.00")),
    ]


def test_a_request_above_this_years_part_is_refused_naming_the_split(monkeypatch, two_year_grant):
    application, _lines = two_year_grant
    release(monkeypatch, application, "1500.00", D(2026, 10, 1))
    refusal = payment_request_refusal(application, Decimal("2000.00"), today=D(2026, 10, 20))
    assert refusal == (
        "Für 2026 sind noch 1.500,00\N{NO-BREAK SPACE}€ gebunden; der Abruf braucht "
        "2.000,00\N{NO-BREAK SPACE}€. " + SPLIT_AFTER_FIRST_PAYOUT
    )
    assert payment_request_refusal(application, Decimal("1500.00"), today=D(2026, 10, 20)) is None


def test_the_portal_service_refuses_it_and_stores_nothing(monkeypatch, two_year_grant):
    application, _lines = two_year_grant
    release(monkeypatch, application, "1500.00", D(2026, 10, 1))
    member = MembershipFactory(organisation=application.organisation, role="admin").user
    freeze_today(monkeypatch, D(2026, 10, 20))
    with pytest.raises(ValidationError) as refused:
        payment_request_create(
            application=application,
            user=member,
            amount=Decimal("2000.00"),
            needed_within_two_months=True,
            purpose="Honorare",
        )
    assert SPLIT_AFTER_FIRST_PAYOUT in refused.value.message_dict["amount"][0]
    assert PaymentRequest.objects.count() == 1


def test_a_release_above_this_years_part_is_refused_and_books_nothing(monkeypatch, two_year_grant):
    application, _lines = two_year_grant
    release(monkeypatch, application, "1500.00", D(2026, 10, 1))
    with pytest.raises(ValidationError) as refused:
        release(monkeypatch, application, "2000.00", D(2026, 11, 2))
    assert refused.value.messages == [
        "Für 2026 sind noch 1.500,00\N{NO-BREAK SPACE}€ gebunden; der Abruf braucht "
        "2.000,00\N{NO-BREAK SPACE}€. " + SPLIT_AFTER_FIRST_PAYOUT
    ]
    assert LedgerEntry.objects.filter(kind="payout").count() == 1
    assert PaymentRequest.objects.latest("pk").status == PaymentRequestStatus.ARITHMETIC_OK


def test_a_release_in_2027_draws_on_the_2027_lines_only(monkeypatch, two_year_grant):
    application, lines = two_year_grant
    # 1,500.00 of 2026 are still open, but a 2027 payout never touches them: 2,000.00 over
    # 2,500 : 1,500 → 1,250.00 city + 750.00 Land
    request = release(monkeypatch, application, "2000.00", D(2027, 1, 15))
    assert payouts_by_line(request) == {
        lines["2027 city"].pk: Decimal("1250.00"),
        lines["2027 land"].pk: Decimal("750.00"),
    }
    # the rest of 2027 is 2,000.00: 2,000.01 is refused although 2026 still has 3,000.00
    with pytest.raises(ValidationError, match=r"Für 2027 sind noch 2\.000,00"):
        release(monkeypatch, application, "2000.01", D(2027, 1, 20))


def test_a_year_whose_commitments_are_paid_out_refuses_even_the_request_page(
    monkeypatch, two_year_grant
):
    application, _lines = two_year_grant
    release(monkeypatch, application, "3000.00", D(2026, 10, 1))
    refusal = payment_request_refusal(application, Decimal("0.00"), today=D(2026, 11, 2))
    assert refusal.startswith("Für 2026 sind keine Mittel dieser Zuwendung (mehr) gebunden.")
    assert "2027: 4.000,00" in refusal
    assert payment_request_refusal(application, Decimal("0.00"), today=D(2027, 1, 4)) is None
