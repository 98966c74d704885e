"""A grant from the notice to its closure, through HTTP, as the people would do it."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from budgeting.balances import grant_balances
from budgeting.models import GrantSettlement, LedgerEntry, PaymentRequest, RefundClaim
from core.roles import FINANCE
from grants.models import ApplicationStatus, ReportKind
from tests.workflow.conftest import staff_member
from tests.workflow.grants import approved_grant
from tests.workflow.test_payouts import payment_task, request_payment
from workflow.payout.flow import PayoutFlow as PAYOUT
from workflow.report.flow import ReportFlow as REPORTS
from workflow.selectors import report_process_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(staff):
    return {**staff, "releaser": staff_member(FINANCE, first_name="Rita", last_name="Anordnung")}


def take(client, user, node, task, data):
    client.force_login(user)
    client.post(node.reverse("assign", args=[task.process_id, task.pk]))
    response = client.post(node.reverse("execute", args=[task.process_id, task.pk]), data)
    assert response.status_code == 302, response.content.decode()[:3000]


def pay(client, people, request):
    """Sachlich richtig, rechnerisch richtig, Anordnung: three different people."""
    take(
        client,
        people["caseworker"],
        PAYOUT.factual,
        payment_task(request, PAYOUT.factual),
        {"decision": "ok"},
    )
    take(
        client,
        people["finance"],
        PAYOUT.arithmetic,
        payment_task(request, PAYOUT.arithmetic),
        {"decision": "ok"},
    )
    take(
        client,
        people["releaser"],
        PAYOUT.release,
        payment_task(request, PAYOUT.release),
        {"decision": "ok"},
    )


def report_data(report, *, fees: str):
    application = report.application
    fee_line, material_line = application.cost_lines.order_by("pk")
    own, foundation = application.financing_lines.order_by("pk")
    day = (application.project_start + timezone.timedelta(days=1)).isoformat()
    return {
        "work_done": "40 Termine Sprachcafé mit 23 Teilnehmerinnen.",
        "what_worked": "Feste Kleingruppen, Kinderbetreuung.",
        "what_did_not": "Im Sommer kamen weniger Frauen.",
        f"costs-amount_{fee_line.pk}": fees,
        f"costs-amount_{material_line.pk}": "1.000,00",
        f"income-amount_{own.pk}": "1.000,00",
        f"income-amount_{foundation.pk}": "1.000,00",
        "receipts-TOTAL_FORMS": "2",
        "receipts-INITIAL_FORMS": "0",
        "receipts-0-number": "1",
        "receipts-0-date": day,
        "receipts-0-payee": "Kursleitung M. Öztürk",
        "receipts-0-purpose": "Honorar 40 Termine",
        "receipts-0-amount": fees,
        "receipts-0-cost_line": str(fee_line.pk),
        "receipts-1-number": "2",
        "receipts-1-date": day,
        "receipts-1-payee": "Papeterie Elberfeld",
        "receipts-1-purpose": "Material",
        "receipts-1-amount": "1.000,00",
        "receipts-1-cost_line": str(material_line.pk),
    }


def submit_final_report(client, applicant, grant, *, fees):
    # The project has run for two months: its receipts are not dated in the future.
    grant.project_start = timezone.localdate() - timezone.timedelta(days=60)
    grant.save(update_fields=["project_start"])
    report = grant.reports.get(kind=ReportKind.FINAL)
    client.force_login(applicant)
    response = client.post(
        reverse("portal:report_submit", args=[report.pk]), report_data(report, fees=fees)
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    return report


def accept(client, people, report):
    task = report_process_of(report).task_set.get(flow_task=REPORTS.check, status="NEW")
    take(client, people["caseworker"], REPORTS.check, task, {"result": "accepted"})


@pytest.fixture
def budget_line(budget_line):
    """The conftest's city line in this year's budget: the payouts are paid today, and a payout
    is booked in the year it is paid (annuality)."""
    budget_line.year = timezone.localdate().year
    budget_line.save(update_fields=["year"])
    return budget_line


@pytest.fixture
def grant(draft, applicant, people, budget_line):
    grant = approved_grant(draft, applicant, people, [(budget_line, "8000.00")])
    return grant


def test_waiver_two_payouts_final_report_settlement_refund_repayment_closed(
    client, applicant, grant, people
):
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.FINAL
    assert grant.reports.filter(kind=ReportKind.FINAL).exists()

    for amount in ("4.000,00", "4.000,00"):
        client.force_login(applicant)
        assert (
            request_payment(client, grant, amount, needed_within_two_months="on").status_code == 302
        )
        pay(client, people, PaymentRequest.objects.latest("pk"))
    assert grant_balances(grant).paid == Decimal("8000.00")

    # Actual costs 9,000.00 instead of 10,000.00: 80 % of 9,000.00 = 7,200.00, 800.00 back.
    report = submit_final_report(client, applicant, grant, fees="8.000,00")
    accept(client, people, report)
    settlement = GrantSettlement.objects.get(application=grant)
    assert (settlement.final_grant, settlement.refund) == (Decimal("7200.00"), Decimal("800.00"))
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.SETTLED
    assert grant_balances(grant).approved == Decimal("7200.00")  # 800.00 released

    claim = RefundClaim.objects.get(application=grant)
    client.force_login(applicant)
    response = client.get(reverse("portal:refund_notice", args=[claim.pk]))
    text = "".join(
        p.extract_text() for p in PdfReader(io.BytesIO(b"".join(response.streaming_content))).pages
    )
    text = text.replace("\xa0", " ")
    assert "Rückforderungsbescheid" in text and "800,00 €" in text and "§ 49a" in text

    client.force_login(people["finance"])
    case = client.get(reverse("antraege:case", args=[grant.pk])).content.decode()
    assert "Schlussfestsetzung" in case and "7.200,00" in case
    assert "80,00&nbsp;%" in case  # the Förderquote q, formatted the German way
    prefix = f"claim{claim.pk}"
    today = timezone.localdate().isoformat()
    client.post(
        reverse("antraege:refund_repayment", args=[claim.pk]),
        {f"{prefix}-amount": "500,00", f"{prefix}-received_on": today},
    )
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.SETTLED  # a partial repayment leaves it open
    client.post(
        reverse("antraege:refund_repayment", args=[claim.pk]),
        {f"{prefix}-amount": "300,00", f"{prefix}-received_on": today},
    )
    claim.refresh_from_db()
    grant.refresh_from_db()
    assert claim.status == "settled"
    assert grant.status == ApplicationStatus.CLOSED
    balances = grant_balances(grant)
    assert balances.paid - balances.refunded == settlement.final_grant
    assert sum(
        e.amount for e in LedgerEntry.objects.filter(application=grant, kind="refund")
    ) == Decimal("800.00")


def test_a_grant_that_spent_everything_gets_the_rest_paid_out_and_closes(
    client, applicant, grant, people
):
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    request_payment(client, grant, "4.000,00", needed_within_two_months="on")
    pay(client, people, PaymentRequest.objects.latest("pk"))

    report = submit_final_report(client, applicant, grant, fees="9.000,00")
    accept(client, people, report)
    settlement = GrantSettlement.objects.get(application=grant)
    assert (settlement.final_grant, settlement.remaining_payable) == (
        Decimal("8000.00"),
        Decimal("4000.00"),
    )
    rest = PaymentRequest.objects.latest("pk")
    assert rest.amount == Decimal("4000.00") and rest.purpose.startswith("Restzahlung")
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.SETTLED
    pay(client, people, rest)
    grant.refresh_from_db()
    assert grant.status == ApplicationStatus.CLOSED
    assert grant_balances(grant).paid == Decimal("8000.00")
