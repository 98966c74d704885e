"""The release page (Anordnung): the payout date's window, refusals shown in the form (never a
500, nothing booked), the account stored at the release; and the portal's confirmation of a
second request over the same amount."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import BankAccount
from budgeting.models import LedgerEntry, PaymentRequest, PaymentRequestStatus
from core.roles import FINANCE
from tests.factories import VALID_IBAN
from tests.workflow.conftest import staff_member
from tests.workflow.grants import approved_grant
from tests.workflow.test_payouts import payment_task, request_payment, sign
from workflow.payout.flow import PayoutFlow as PAYOUT

pytestmark = pytest.mark.django_db

OTHER_IBAN = "DE02120300000000202051"
DAY = datetime.timedelta(days=1)


def today():
    return timezone.localdate()


def german(day: datetime.date) -> str:
    return day.strftime("%d.%m.%Y")


def in_window_this_year() -> datetime.date:
    """14 days ahead, or 3 days back when 14 days ahead is next year (the grant is bound in
    this year's budget only; one of the two is always this year)."""
    ahead = today() + 14 * DAY
    return ahead if ahead.year == today().year else today() - 3 * DAY


@pytest.fixture
def draft(draft):
    """The project starts today, so that it is bound in this year's budget whatever the month."""
    draft.project_start = today()
    draft.save(update_fields=["project_start"])
    return draft


@pytest.fixture
def budget_line(budget_line):
    budget_line.year = today().year
    budget_line.save(update_fields=["year"])
    return budget_line


@pytest.fixture
def grant(client, draft, applicant, staff, budget_line):
    """8,000.00 € bound on this year's line, final by waiver."""
    grant = approved_grant(draft, applicant, staff, [(budget_line, "8000.00")])
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    return grant


@pytest.fixture
def signed(client, applicant, staff, grant):
    """A request of 1,000.00 € signed factually and arithmetically: the release is next."""
    client.force_login(applicant)
    request_payment(client, grant, "1.000,00", needed_within_two_months="on")
    request = PaymentRequest.objects.get()
    sign(client, staff["caseworker"], request, PAYOUT.factual, {"decision": "ok"})
    sign(client, staff["finance"], request, PAYOUT.arithmetic, {"decision": "ok"})
    return request


def release(client, request, payout_date: str):
    return sign(
        client,
        staff_member(FINANCE, first_name="Rita", last_name="Anordnung"),
        request,
        PAYOUT.release,
        {"decision": "ok", "payout_date": payout_date},
    )


def test_the_release_page_shows_the_window_of_the_payout_date(client, signed):
    client.force_login(staff_member(FINANCE))
    task = payment_task(signed, PAYOUT.release)
    client.post(PAYOUT.release.reverse("assign", args=[task.process_id, task.pk]))
    page = client.get(PAYOUT.release.reverse("execute", args=[task.process_id, task.pk]))
    html = page.content.decode()
    earliest, latest = today() - 3 * DAY, today() + 14 * DAY
    assert page.status_code == 200
    assert f'min="{earliest.isoformat()}"' in html and f'max="{latest.isoformat()}"' in html
    assert f"Möglich vom {german(earliest)} bis zum {german(latest)}" in html
    assert f"({today().year})" in html
    assert "Die Anordnung hält diese Bankverbindung für die Auszahlung fest." in html


@pytest.mark.parametrize("days", [None, 15, -4, "max"])
def test_a_payout_date_outside_the_window_is_a_form_error_and_books_nothing(client, signed, days):
    window = (
        f"Der Auszahlungstag muss zwischen dem {german(today() - 3 * DAY)} und dem "
        f"{german(today() + 14 * DAY)} liegen"
    )
    # the field itself bounds every money date to 2000–2099 (core.dates); the window is the
    # service's rule
    bounds = "Bitte geben Sie ein Datum zwischen dem 01.01.2000 und dem 31.12.2099 an."
    payout_date, message = {None: ("1900-01-01", bounds), "max": ("9999-12-31", bounds)}.get(
        days, (None, window)
    )
    payout_date = payout_date or (today() + days * DAY).isoformat()
    response = release(client, signed, payout_date)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LedgerEntry.objects.filter(kind="payout").exists()
    signed.refresh_from_db()
    assert signed.status == PaymentRequestStatus.ARITHMETIC_OK and signed.payout_date is None


def test_the_release_keeps_the_account_as_it_stood_then(client, signed, grant, organisation):
    payout_date = in_window_this_year()
    response = release(client, signed, payout_date.isoformat())
    assert response.status_code == 302
    signed.refresh_from_db()
    assert (signed.status, signed.payout_date) == (PaymentRequestStatus.RELEASED, payout_date)
    assert (signed.payee_holder, signed.payee_iban) == (organisation.name, VALID_IBAN)
    assert sum(e.amount for e in LedgerEntry.objects.filter(kind="payout")) == Decimal("1000.00")

    BankAccount.objects.filter(organisation=organisation).update(
        iban=OTHER_IBAN, holder="Jemand anderes"
    )
    signed.refresh_from_db()
    assert (signed.payee_holder, signed.payee_iban) == (organisation.name, VALID_IBAN)
    page = client.get(reverse("antraege:case", args=[grant.pk])).content.decode()
    assert "DE89 3704 0044 0532 0130 00" in page and "DE02 1203" not in page


def test_without_an_account_the_release_is_refused(client, signed, organisation):
    BankAccount.objects.filter(organisation=organisation).delete()
    response = release(client, signed, "")
    assert response.status_code == 200
    assert "ist keine Bankverbindung hinterlegt" in response.content.decode()
    assert not LedgerEntry.objects.filter(kind="payout").exists()


def test_a_second_request_over_the_same_amount_needs_a_confirmation(client, applicant, grant):
    client.force_login(applicant)
    assert request_payment(client, grant, "1.000,00", needed_within_two_months="on").status_code
    response = request_payment(client, grant, "1.000,00", needed_within_two_months="on")
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Ein Mittelabruf über 1.000,00\N{NO-BREAK SPACE}€ vom {german(today())}" in html
    assert 'name="confirm_duplicate"' in html
    assert PaymentRequest.objects.count() == 1
    # another amount needs no confirmation; the same one with it is accepted
    assert request_payment(client, grant, "999,99", needed_within_two_months="on").status_code == (
        302
    )
    response = request_payment(
        client, grant, "1.000,00", needed_within_two_months="on", confirm_duplicate="on"
    )
    assert response.status_code == 302
    assert PaymentRequest.objects.filter(amount=Decimal("1000.00")).count() == 2
