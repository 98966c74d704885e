"""The report check shows the Belegliste (flagged receipts first, sortable by ?sort=) and the
§ 49a Abs. 4 interest step by step; the checker claims or waives it, nobody else can."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budgeting.models import (
    BaseRate,
    LateUseInterest,
    LateUseInterestDecision,
    PaymentRequest,
    PaymentRequestStatus,
    RefundClaim,
)
from core.models import AuditEntry
from grants.models import Receipt, ReportStatus
from grants.services.errors import NotAllowed
from tests.grants.report_factories import ReportFactory, fill_report
from workflow.report.case import report_case_submit
from workflow.report.flow import ReportFlow as REPORTS
from workflow.report.services import report_late_use_claim
from workflow.selectors import report_process_of

pytestmark = pytest.mark.django_db
D = Decimal
day = datetime.date
EURO = "\N{NO-BREAK SPACE}€"
# (number, date, payee, amount): 1 before the project start, 4 after its end.
RECEIPTS = [
    (1, day(2025, 12, 20), "Baumarkt Elberfeld", "400.00"),
    (2, day(2026, 2, 20), "Musikschule Wuppertal", "4000.00"),
    (3, day(2026, 7, 20), "Zentrum Ölberg", "5300.00"),
    (4, day(2026, 12, 1), "Copyshop Barmen", "300.00"),
]


@pytest.fixture
def report(organisation, applicant):
    """A submitted final report of a project 01.01.–30.11.2026; 10,000.00 € paid out on
    15.01.2026. Eligible: 4,000.00 € used on 20.02. (in time), 5,300.00 € on 20.07. (late)."""
    BaseRate.objects.update_or_create(valid_from=day(2026, 7, 1), defaults={"rate": D("1.77")})
    report = fill_report(
        ReportFactory(
            application__organisation=organisation,
            application__created_by=applicant,
            application__project_start=day(2026, 1, 1),
            application__project_end=day(2026, 11, 30),
        )
    )
    report.receipts.all().delete()
    for number, date, payee, amount in RECEIPTS:
        Receipt.objects.create(
            report=report, number=number, date=date, payee=payee, purpose="Kurs", amount=amount
        )
    PaymentRequest.objects.create(
        application=report.application,
        amount=D("10000.00"),
        needed_within_two_months=True,
        requested_by=applicant,
        status=PaymentRequestStatus.RELEASED,
        payout_date=day(2026, 1, 15),
    )
    return report_case_submit(report=report, user=applicant)


def check_url(client, user, report):
    """Log in, take the check task and return the URL of its page."""
    reverse("antraege:case", args=[report.application_id])  # loads the flows' URLs
    task = report_process_of(report).task_set.get(flow_task=REPORTS.check, status="NEW")
    client.force_login(user)
    client.post(REPORTS.check.reverse("assign", args=[task.process_id, task.pk]))
    return REPORTS.check.reverse("execute", args=[task.process_id, task.pk])


def payee_order(page: str) -> list[str]:
    names = [name for _n, _d, name, _a in RECEIPTS]
    section = page[page.index('id="belege"') :]
    return sorted(names, key=section.index)


def test_the_checker_sees_the_receipts_flagged_first_with_reasons_and_sums(client, staff, report):
    url = check_url(client, staff["caseworker"], report)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert payee_order(page) == [
        "Baumarkt Elberfeld",
        "Copyshop Barmen",
        "Musikschule Wuppertal",
        "Zentrum Ölberg",
    ]
    assert "nicht förderfähig: vor Projektbeginn (01.01.2026)" in page
    assert "nicht förderfähig: nach Projektende (30.11.2026)" in page
    receipts = response.context["receipts"]
    assert (receipts.total, receipts.eligible, receipts.flagged) == (
        D("10000.00"),
        D("9300.00"),
        D("700.00"),
    )
    assert f"9.300,00{EURO}" in page and f"700,00{EURO}" in page
    # A_ist in the settlement shown beside it counts the eligible costs only.
    assert response.context["totals"].costs_actual == D("9300.00")


def test_the_receipts_sort_by_amount_date_and_payee(client, staff, report):
    url = check_url(client, staff["caseworker"], report)
    by_amount = client.get(url, {"sort": "amount"}).content.decode()
    assert payee_order(by_amount) == [
        "Copyshop Barmen",  # 300.00
        "Baumarkt Elberfeld",  # 400.00
        "Musikschule Wuppertal",  # 4,000.00
        "Zentrum Ölberg",  # 5,300.00
    ]
    assert 'href="?sort=-amount#belege"' in by_amount  # the next click sorts descending
    descending = client.get(url, {"sort": "-amount"}).content.decode()
    assert payee_order(descending) == list(reversed(payee_order(by_amount)))
    by_date = client.get(url, {"sort": "date"}).content.decode()
    assert payee_order(by_date) == [name for _n, _d, name, _a in RECEIPTS]
    by_payee = client.get(url, {"sort": "payee"}).content.decode()
    assert payee_order(by_payee) == sorted(name for _n, _d, name, _a in RECEIPTS)
    # An unknown key falls back to the default order.
    assert payee_order(client.get(url, {"sort": "x"}).content.decode())[0] == "Baumarkt Elberfeld"


def test_the_page_shows_the_late_use_interest_step_by_step(client, staff, report):
    url = check_url(client, staff["caseworker"], report)
    response = client.get(url)
    page = response.content.decode()
    late_use = response.context["late_use"]
    # 5,300.00 × 6.27 % × 167/365 + 5,300.00 × 6.77 % × 19/365 = 152.0432… + 18.6778… = 170.72
    assert late_use.total == D("170.72")
    assert late_use.unused == D("700.00")
    assert "167 Tage zu 6,27 % = 152,0432 €" in page
    assert "19 Tage zu 6,77 % = 18,6778 €" in page
    assert "rechtzeitig verwendet" in page
    assert f"170,72{EURO}" in page


def test_the_checker_claims_the_interest_and_the_check_stays_open(client, staff, report):
    url = check_url(client, staff["caseworker"], report)
    response = client.post(url, {"late_use": "claim"})
    assert response.status_code == 302
    record = LateUseInterest.objects.get(report=report)
    assert record.decision == LateUseInterestDecision.CLAIMED
    assert record.decided_by == staff["caseworker"]
    claim = record.refund_claim
    assert (claim.amount, claim.bears_interest) == (D("170.72"), False)
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    page = client.get(url).content.decode()
    assert "Geltend gemacht: 170,72" in page
    assert reverse("antraege:refund_notice", args=[claim.pk]) in page
    assert 'value="claim"' not in page
    # Once decided, a second claim is refused with a message; nothing more is booked.
    again = client.post(url, {"late_use": "claim"})
    assert again.status_code == 400
    assert "bereits entschieden" in again.content.decode()
    assert RefundClaim.objects.count() == 1


def test_waiving_needs_a_reason(client, staff, report):
    url = check_url(client, staff["caseworker"], report)
    response = client.post(url, {"late_use": "waive", "reason": " "})
    assert response.status_code == 400
    assert "Bitte begründen Sie, warum die Zinsen nicht geltend gemacht werden." in (
        response.content.decode()
    )
    assert not LateUseInterest.objects.exists()
    response = client.post(url, {"late_use": "waive", "reason": "Bauverzögerung der Stadt."})
    assert response.status_code == 302
    record = LateUseInterest.objects.get(report=report)
    assert (record.decision, record.waiver_reason) == (
        LateUseInterestDecision.WAIVED,
        "Bauverzögerung der Stadt.",
    )
    assert not RefundClaim.objects.exists()
    entry = AuditEntry.objects.for_object(report).get(action="budgeting.late_use.waived")
    assert entry.actor == staff["caseworker"]


@pytest.mark.parametrize("who", ["reviewer", "finance"])
def test_staff_who_may_not_check_the_report_cannot_claim_or_waive(client, staff, report, who):
    user = staff[who]
    reverse("antraege:case", args=[report.application_id])
    task = report_process_of(report).task_set.get(flow_task=REPORTS.check, status="NEW")
    client.force_login(user)
    url = REPORTS.check.reverse("execute", args=[task.process_id, task.pk])
    assert client.post(url, {"late_use": "claim"}).status_code == 403
    assert client.post(url, {"late_use": "waive", "reason": "x"}).status_code == 403
    with pytest.raises(NotAllowed, match="Sachbearbeitung"):
        report_late_use_claim(report=report, user=user)
    assert not LateUseInterest.objects.exists() and not RefundClaim.objects.exists()


def test_an_applicant_cannot_claim_or_waive(client, applicant, report):
    reverse("antraege:case", args=[report.application_id])
    task = report_process_of(report).task_set.get(flow_task=REPORTS.check, status="NEW")
    client.force_login(applicant)
    url = REPORTS.check.reverse("execute", args=[task.process_id, task.pk])
    assert client.post(url, {"late_use": "claim"}).status_code == 403
    with pytest.raises(NotAllowed):
        report_late_use_claim(report=report, user=applicant)
    assert not LateUseInterest.objects.exists()


def test_the_final_report_is_accepted_only_after_the_decision_on_the_interest(
    client, staff, report
):
    url = check_url(client, staff["caseworker"], report)
    refused = client.post(url, {"result": "accepted", "message": ""})
    assert refused.status_code in (200, 400)
    assert "Nach § 49a Abs. 4 VwVfG fallen Zinsen von 170,72" in refused.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED

    client.post(url, {"late_use": "waive", "reason": "Die Stadt hat den Raum spät übergeben."})
    accepted = client.post(url, {"result": "accepted", "message": ""})
    assert accepted.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
