"""When money may be requested (ANBest-P 1.4) and which payout date a release may book."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.models import LedgerEntry, PaymentRequest, PaymentRequestStatus
from budgeting.services import budget_commit
from budgeting.services.payout import (
    first_request_day,
    payment_arithmetic_signoff,
    payment_factual_signoff,
    payment_release,
    payment_request_create,
    payment_request_refusal,
    payout_date_window,
)
from grants.models import Application, ApplicationStatus
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.clock import freeze_today
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.fixture
def grant(monkeypatch):
    """8,000.00 € bound in November 2026 for a project from 1 March to 30 November 2027 (on the
    2027 line, under its VE of 10,000.00 €)."""
    freeze_today(monkeypatch, D(2026, 11, 2))
    user = UserFactory()
    application = ApplicationFactory(project_start=D(2027, 3, 1), project_end=D(2027, 11, 30))
    line = BudgetLineFactory(
        programme=application.call.programme,
        year=2027,
        appropriation=Decimal("20000.00"),
        future_authorisation=Decimal("10000.00"),
    )
    BudgetAllocationFactory(
        application=application, budget_line=line, amount=Decimal("8000.00"), planned_by=user
    )
    budget_commit(application=application, amount=Decimal("8000.00"), user=user)
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.FINAL)
    application.refresh_from_db()
    return application


@pytest.mark.parametrize(
    ("start", "first"),
    [
        (D(2027, 3, 1), D(2027, 1, 1)),
        (D(2027, 3, 15), D(2027, 1, 15)),
        (D(2027, 6, 30), D(2027, 4, 30)),
        # 30 April − 2 months is 28 February, but 28 February + 2 months is only 28 April
        (D(2027, 4, 30), D(2027, 3, 1)),
    ],
)
def test_the_first_request_day_is_the_first_whose_two_months_reach_the_start(start, first):
    assert first_request_day(start) == first


def test_a_request_whose_two_months_end_before_the_project_start_is_refused(grant):
    # 31.12.2026 + 2 months = 28.02.2027, the day before the project starts on 01.03.2027
    refusal = payment_request_refusal(grant, Decimal("1000.00"), today=D(2026, 12, 31))
    assert refusal == (
        "Mittel dürfen nur abgerufen werden, soweit sie innerhalb von zwei Monaten gebraucht "
        "werden. Das Projekt beginnt am 01.03.2027; ein Abruf ist frühestens am 01.01.2027 "
        "möglich."
    )


def test_a_request_on_the_first_request_day_is_allowed(grant):
    assert payment_request_refusal(grant, Decimal("1000.00"), today=D(2027, 1, 1)) is None


def test_a_request_after_the_call_off_period_is_refused(grant):
    assert payment_request_refusal(grant, Decimal("1000.00"), today=D(2027, 11, 30)) is None
    refusal = payment_request_refusal(grant, Decimal("1000.00"), today=D(2027, 12, 1))
    assert refusal == (
        "Der Bewilligungszeitraum endete am 30.11.2027; ein Abruf ist nicht mehr möglich."
    )


def test_the_service_refuses_an_early_request_and_stores_nothing(monkeypatch, grant):
    member = MembershipFactory(organisation=grant.organisation, role="admin").user
    freeze_today(monkeypatch, D(2026, 12, 31))
    with pytest.raises(ValidationError) as refused:
        payment_request_create(
            application=grant,
            user=member,
            amount=Decimal("1000.00"),
            needed_within_two_months=True,
            purpose="Honorare",
        )
    assert "frühestens am 01.01.2027" in refused.value.message_dict["amount"][0]
    assert not PaymentRequest.objects.exists()
    freeze_today(monkeypatch, D(2027, 1, 1))
    request = payment_request_create(
        application=grant,
        user=member,
        amount=Decimal("1000.00"),
        needed_within_two_months=True,
        purpose="Honorare",
    )
    assert request.status == PaymentRequestStatus.REQUESTED


def signed_request(grant, amount="1000.00"):
    request = PaymentRequest.objects.create(
        application=grant,
        amount=Decimal(amount),
        needed_within_two_months=True,
        requested_by=UserFactory(),
    )
    payment_factual_signoff(request=request, user=UserFactory())
    return payment_arithmetic_signoff(request=request, user=UserFactory())


def test_the_payout_window_runs_from_three_days_before_to_fourteen_after(settings):
    assert payout_date_window(D(2027, 3, 10)) == (D(2027, 3, 7), D(2027, 3, 24))
    settings.PAYOUT_DATE_DAYS_BEFORE, settings.PAYOUT_DATE_DAYS_AFTER = 0, 30
    assert payout_date_window(D(2027, 3, 10)) == (D(2027, 3, 10), D(2027, 4, 9))


@pytest.mark.parametrize("payout_date", [D(1900, 1, 1), D(9999, 12, 31), D(2027, 3, 25)])
def test_a_payout_date_outside_the_window_is_refused_and_nothing_is_booked(
    monkeypatch, grant, payout_date
):
    request = signed_request(grant)
    freeze_today(monkeypatch, D(2027, 3, 10))
    with pytest.raises(ValidationError) as refused:
        payment_release(request=request, user=UserFactory(), payout_date=payout_date)
    assert refused.value.message_dict["payout_date"] == [
        "Der Auszahlungstag muss zwischen dem 07.03.2027 und dem 24.03.2027 liegen (höchstens "
        "3 Tage vor und 14 Tage nach der Anordnung)."
    ]
    assert not LedgerEntry.objects.filter(kind="payout").exists()
    request.refresh_from_db()
    assert request.status == PaymentRequestStatus.ARITHMETIC_OK and request.payout_date is None


@pytest.mark.parametrize(
    ("payout_date", "spend_by"),
    [(D(2027, 3, 24), D(2027, 5, 24)), (D(2027, 3, 7), D(2027, 5, 7))],
)
def test_a_payout_date_fourteen_days_ahead_or_three_back_is_booked(
    monkeypatch, grant, payout_date, spend_by
):
    request = signed_request(grant)
    freeze_today(monkeypatch, D(2027, 3, 10))
    request = payment_release(request=request, user=UserFactory(), payout_date=payout_date)
    assert (request.status, request.payout_date, request.spend_by) == (
        PaymentRequestStatus.RELEASED,
        payout_date,
        spend_by,
    )
    assert LedgerEntry.objects.get(kind="payout").amount == Decimal("1000.00")


def test_a_payout_date_in_a_year_without_commitments_is_refused(monkeypatch, grant):
    request = signed_request(grant)
    freeze_today(monkeypatch, D(2027, 12, 28))  # 05.01.2028 is inside the window
    with pytest.raises(ValidationError) as refused:
        payment_release(request=request, user=UserFactory(), payout_date=D(2028, 1, 5))
    assert refused.value.message_dict["payout_date"] == [
        "Im Haushaltsjahr 2028 hat diese Zuwendung keine Bindungen; auszahlen lässt sie sich nur "
        "in einem Jahr mit Bindungen (2027)."
    ]
    assert not LedgerEntry.objects.filter(kind="payout").exists()
