"""After the notice: finality, payment requests and their three sign-offs, the payouts."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from applicants.models import Membership
from budgeting.balances import balances_from_entries, grant_balances
from budgeting.models import BudgetLine, LedgerEntry, PaymentRequest
from budgeting.services.payout import spend_by
from core.roles import FINANCE
from grants.models import ApplicationStatus, Notice
from grants.services.finality import appeal_period_end
from tests.workflow.conftest import staff_member
from tests.workflow.grants import approved_grant
from workflow.payout.flow import PayoutFlow as PAYOUT
from workflow.selectors import payout_process_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget_line(budget_line):
    """The conftest's city line in this year's budget: a payout is booked in the year it is
    paid (annuality), and these payouts are paid today, whatever the month."""
    budget_line.year = timezone.localdate().year
    budget_line.save(update_fields=["year"])
    return budget_line


@pytest.fixture
def second_line(budget_line):
    """A Land NRW line of the same programme and year, so payouts split over two lines."""
    return BudgetLine.objects.create(
        year=budget_line.year,
        programme=budget_line.programme,
        source=budget_line.source.__class__.objects.create(name="Land NRW", kind="land"),
        produkt="1.05.02.02",
        kostenstelle="20521",
        sachkonto="531810",
        appropriation=Decimal("10000.00"),
    )


@pytest.fixture
def grant(draft, applicant, staff, budget_line, second_line):
    """8,000.00 € approved: 5,000.00 on the city line, 3,000.00 on the Land line."""
    return approved_grant(
        draft, applicant, staff, [(budget_line, "5000.00"), (second_line, "3000.00")]
    )


def request_payment(client, application, amount, **extra):
    data = {"amount": amount, "purpose": "Honorare der nächsten Termine", **extra}
    return client.post(reverse("portal:payment_request", args=[application.pk]), data)


def payment_task(request, node):
    return payout_process_of(request).task_set.get(flow_task=node, status__in=["NEW", "ASSIGNED"])


def sign(client, user, request, node, data):
    client.force_login(user)
    task = payment_task(request, node)
    client.post(node.reverse("assign", args=[task.process_id, task.pk]))
    return client.post(node.reverse("execute", args=[task.process_id, task.pk]), data)


def test_no_payment_before_the_notice_is_final(client, applicant, grant):
    assert grant.status == ApplicationStatus.APPROVED
    client.force_login(applicant)
    page = client.get(reverse("portal:payment_request", args=[grant.pk])).content.decode()
    assert "erst abgerufen werden, wenn der Bescheid bestandskräftig ist" in page
    response = request_payment(client, grant, "1.000,00", needed_within_two_months="on")
    assert response.status_code == 400
    assert not PaymentRequest.objects.exists()


def test_the_waiver_makes_the_notice_final_at_once(client, applicant, grant):
    client.force_login(applicant)
    url = reverse("portal:application_waiver", args=[grant.pk])
    client.post(url)  # without the confirmation nothing happens
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.APPROVED
    client.post(url, {"confirm": "on"})
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.FINAL
    assert grant.final_on == timezone.localdate() and grant.waiver_declared_by == applicant


def test_the_notice_becomes_final_when_the_appeal_period_has_passed(grant):
    notice = Notice.objects.get(application=grant)
    today = timezone.localdate()

    def delivered_days_ago(days):
        Notice.objects.filter(pk=notice.pk).update(
            delivered_on=today - datetime.timedelta(days=days)
        )
        return appeal_period_end(grant)

    # the longest delay after delivery after which the period (1 month, to the next working
    # day) still runs today; months differ in length, so it is searched rather than assumed
    days = next(d for d in range(20, 45) if delivered_days_ago(d + 1) < today)
    assert delivered_days_ago(days) >= today
    call_command("finalize_grants", stdout=StringIO())
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.APPROVED
    delivered_days_ago(days + 1)
    call_command("finalize_grants", stdout=StringIO())
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.FINAL


def test_two_payment_requests_with_three_sign_offs_each_are_paid_pro_rata(
    client, applicant, grant, staff, budget_line, second_line
):
    releaser = staff_member(FINANCE, first_name="Rita", last_name="Anordnung")
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})

    paid = []
    for amount, expected in (("3.000,00", Decimal("3000.00")), ("1.000,01", Decimal("1000.01"))):
        client.force_login(applicant)
        response = request_payment(client, grant, amount, needed_within_two_months="on")
        assert response.status_code == 302, response.content.decode()[:2000]
        request = PaymentRequest.objects.latest("pk")
        assert request.amount == expected
        assert (
            sign(
                client, staff["caseworker"], request, PAYOUT.factual, {"decision": "ok"}
            ).status_code
            == 302
        )
        assert (
            sign(
                client, staff["finance"], request, PAYOUT.arithmetic, {"decision": "ok"}
            ).status_code
            == 302
        )
        response = sign(client, releaser, request, PAYOUT.release, {"decision": "ok"})
        assert response.status_code == 302, response.content.decode()[:2000]
        request.refresh_from_db()
        assert request.status == "released"
        assert request.payout_date == timezone.localdate()
        assert request.spend_by == spend_by(request.payout_date)
        assert payout_process_of(request).status == "DONE"
        entries = LedgerEntry.objects.filter(payment_request=request).order_by("budget_line_id")
        assert sum(e.amount for e in entries) == expected
        paid.append(entries)

    # 3,000.00 over 5,000 : 3,000 → 1,875.00 + 1,125.00; 1,000.01 → 625.01 + 375.00 (remainder last)
    assert [e.amount for e in paid[0]] == [Decimal("1875.00"), Decimal("1125.00")]
    assert sum(e.amount for e in paid[1]) == Decimal("1000.01")
    balances = grant_balances(grant)
    assert (balances.approved, balances.paid, balances.remaining) == (
        Decimal("8000.00"),
        Decimal("4000.01"),
        Decimal("3999.99"),
    )
    client.force_login(applicant)
    page = client.get(reverse("portal:application_detail", args=[grant.pk])).content.decode()
    assert "4.000,01" in page and "3.999,99" in page


def test_above_the_remaining_amount_or_without_the_declaration_is_refused(client, applicant, grant):
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    response = request_payment(client, grant, "8.000,01", needed_within_two_months="on")
    assert "Höchstens 8.000,00" in response.content.decode()
    response = request_payment(client, grant, "100,00")
    assert "innerhalb von zwei Monaten" in response.content.decode()
    request_payment(client, grant, "6.000,00", needed_within_two_months="on")
    response = request_payment(client, grant, "2.000,01", needed_within_two_months="on")
    assert "bereits angefordert 6.000,00" in response.content.decode()
    assert PaymentRequest.objects.count() == 1


def test_after_the_call_off_period_nothing_can_be_requested(client, applicant, grant):
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    type(grant).objects.filter(pk=grant.pk).update(
        project_end=timezone.localdate() - datetime.timedelta(days=1)
    )
    response = request_payment(client, grant, "100,00", needed_within_two_months="on")
    assert "Bewilligungszeitraum endete" in response.content.decode()


@pytest.fixture
def final_grant_request(client, applicant, grant):
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    request_payment(client, grant, "1.000,00", needed_within_two_months="on")
    return PaymentRequest.objects.get()


def test_the_same_person_cannot_sign_twice(client, staff, final_grant_request, organisation):
    both = staff_member(FINANCE)
    both.groups.add(*staff["caseworker"].groups.all())
    assert (
        sign(client, both, final_grant_request, PAYOUT.factual, {"decision": "ok"}).status_code
        == 302
    )
    task = payment_task(final_grant_request, PAYOUT.arithmetic)
    response = client.post(PAYOUT.arithmetic.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    assert "bereits sachlich richtig gezeichnet" in response.content.decode()
    sign(client, staff["finance"], final_grant_request, PAYOUT.arithmetic, {"decision": "ok"})
    task = payment_task(final_grant_request, PAYOUT.release)
    client.force_login(staff["finance"])
    response = client.post(PAYOUT.release.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    assert "dritte Person" in response.content.decode()
    assert not LedgerEntry.objects.filter(kind="payout").exists()


def test_a_member_of_the_organisation_cannot_sign(client, final_grant_request, organisation):
    insider = staff_member(FINANCE)
    insider.groups.add(*staff_member("Sachbearbeitung").groups.all())
    Membership.objects.create(user=insider, organisation=organisation)
    client.force_login(insider)
    task = payment_task(final_grant_request, PAYOUT.factual)
    response = client.post(PAYOUT.factual.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    assert "antragstellenden Organisation" in response.content.decode()


def test_a_request_sent_back_with_a_reason_pays_nothing(client, staff, final_grant_request):
    response = sign(
        client, staff["caseworker"], final_grant_request, PAYOUT.factual, {"decision": "return"}
    )
    assert "Bitte nennen Sie den Grund" in response.content.decode()
    sign(
        client,
        staff["caseworker"],
        final_grant_request,
        PAYOUT.factual,
        {"decision": "return", "reason": "Der Zweck passt nicht zum Projekt."},
    )
    final_grant_request.refresh_from_db()
    assert final_grant_request.status == "returned"
    assert not LedgerEntry.objects.filter(kind="payout").exists()
    assert grant_balances(final_grant_request.application).requested_open == Decimal("0.00")


def test_every_balance_can_be_rebuilt_from_the_ledger_entries_alone(
    client, staff, final_grant_request
):
    sign(client, staff["caseworker"], final_grant_request, PAYOUT.factual, {"decision": "ok"})
    sign(client, staff["finance"], final_grant_request, PAYOUT.arithmetic, {"decision": "ok"})
    sign(client, staff_member(FINANCE), final_grant_request, PAYOUT.release, {"decision": "ok"})
    application = final_grant_request.application
    rebuilt = balances_from_entries(list(LedgerEntry.objects.all()))[application.pk]
    balances = grant_balances(application)
    assert rebuilt["commitment"] - rebuilt["release"] == balances.approved == Decimal("8000.00")
    assert rebuilt["payout"] == balances.paid == Decimal("1000.00")


@pytest.mark.parametrize(
    ("payout", "expected"),
    [
        (datetime.date(2026, 12, 31), datetime.date(2027, 2, 28)),
        (datetime.date(2027, 12, 31), datetime.date(2028, 2, 29)),
        (datetime.date(2026, 8, 31), datetime.date(2026, 10, 31)),
        (datetime.date(2026, 3, 15), datetime.date(2026, 5, 15)),
    ],
)
def test_spend_by_is_two_months_later_and_end_of_month_safe(payout, expected):
    assert spend_by(payout) == expected
