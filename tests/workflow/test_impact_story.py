"""Impact from end to end: an application chooses three indicators, the grant reports what they
reached, the check confirms it, and the department's portfolio view aggregates it, with the
small count of people suppressed."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.models import (
    ApplicationStatus,
    IndicatorStatus,
    IndicatorUnit,
    ReportStatus,
)
from tests.grants.indicator_factories import IndicatorFactory
from tests.grants.report_factories import fill_report
from tests.grants.test_application_indicators import page_data, submit_url
from tests.grants.test_report_indicators import form_data
from tests.workflow.grants import approve_submitted
from workflow.grant import grant_make_final_by_waiver
from workflow.report.flow import ReportFlow as REPORTS
from workflow.selectors import report_process_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(programme):
    """Sessions held (mandatory), participants reached (people), attendance rate."""
    return [
        IndicatorFactory(
            programme=programme,
            code="TERMINE",
            name="Durchgeführte Termine",
            step=1,
            mandatory=True,
            about_people=False,
            position=1,
        ),
        IndicatorFactory(
            programme=programme, code="TN", name="Erreichte Teilnehmende", step=2, position=2
        ),
        IndicatorFactory(
            programme=programme,
            code="QUOTE",
            name="Teilnahmequote",
            step=3,
            unit=IndicatorUnit.PERCENT,
            aggregation="rate",
            about_people=False,
            position=3,
        ),
    ]


def check_and_confirm(client, caseworker, report):
    """Sachbearbeitung accepts the report and confirms every computed status."""
    client.force_login(caseworker)
    reverse("antraege:case", args=[report.application_id])  # loads the flows' URLs
    task = report_process_of(report).task_set.get(flow_task=REPORTS.check, status="NEW")
    client.post(REPORTS.check.reverse("assign", args=[task.process_id, task.pk]))
    data = {"result": "accepted"}
    data.update({f"confirm_{actual.pk}": "on" for actual in report.indicator_actuals.all()})
    url = REPORTS.check.reverse("execute", args=[task.process_id, task.pk])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def test_three_indicators_go_from_the_application_through_the_report_to_the_portfolio(
    client, applicant, draft, staff, budget_line, catalogue
):
    termine, teilnehmende, quote = catalogue
    client.force_login(applicant)
    targets = {
        f"ind-{termine.pk}_baseline": "0",
        f"ind-{termine.pk}_target": "20",
        f"ind-{teilnehmende.pk}_chosen": "on",
        f"ind-{teilnehmende.pk}_baseline": "0",
        f"ind-{teilnehmende.pk}_target": "12",
        f"ind-{quote.pk}_chosen": "on",
        f"ind-{quote.pk}_baseline": "50",
        f"ind-{quote.pk}_target": "80",
    }
    response = client.post(submit_url(draft), page_data(draft, **targets))
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED

    grant = approve_submitted(draft, staff, [(budget_line, "8000.00")])
    grant_make_final_by_waiver(application=grant, user=applicant)
    report = grant.reports.get(kind="final")
    # The project has run for two months: its receipts are not dated in the future.
    grant.project_start = timezone.localdate() - datetime.timedelta(days=60)
    grant.save(update_fields=["project_start"])
    fill_report(report, receipts=1)
    client.force_login(applicant)
    response = client.post(
        reverse("portal:report_submit", args=[report.pk]),
        form_data(report, values=("20", "3", "74"), comments=("", "Viele zogen weg.", "")),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert [a.status for a in report.indicator_actuals.order_by("pk")] == [
        IndicatorStatus.ON_TRACK,  # 20 of 20
        IndicatorStatus.MISSED,  # 3 of 12
        IndicatorStatus.AT_RISK,  # (74 − 50) / (80 − 50) = 0.8
    ]

    check_and_confirm(client, staff["caseworker"], report)
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert all(a.confirmed_by == staff["caseworker"] for a in report.indicator_actuals.all())

    client.force_login(staff["approver"])
    year = grant.decision.decided_at.year
    response = client.get(f"/staff/wirkung/?year={year}&programme={grant.call.programme_id}")
    portfolio = response.context["data"]
    assert (portfolio.figures.grants, portfolio.figures.approved) == (1, Decimal("8000.00"))
    assert portfolio.figures.first_time == 1
    rows = {row.code: row for row in portfolio.indicators.rows}
    assert rows["TERMINE"].target.value == Decimal("20") and rows["TERMINE"].actual.text == "20"
    assert rows["QUOTE"].actual.text == "74\N{NO-BREAK SPACE}%"
    assert rows["QUOTE"].statuses[IndicatorStatus.AT_RISK] == 1
    # 3 participants reached: a count of people below 5 is never shown, nor its number
    assert rows["TN"].actual.suppressed and rows["TN"].actual.value is None
    assert rows["TN"].target.text == "12"
    page = response.content.decode()
    assert "&lt; 5" in page
    assert "Zahlen über Personen unter 5 werden nicht gezeigt." in page
