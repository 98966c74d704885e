"""The checker sees each indicator's computed status and confirms it with the check; nobody
else can."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from grants.models import IndicatorStatus, ReportKind, ReportStatus
from grants.services.errors import NotAllowed
from grants.services.indicator_actuals import (
    IndicatorValue,
    report_indicators_confirm,
    report_indicators_save,
)
from tests.grants.indicator_factories import ApplicationIndicatorFactory
from tests.grants.report_factories import ReportFactory, fill_report
from workflow.report.case import report_case_submit
from workflow.report.flow import ReportFlow as REPORTS
from workflow.selectors import report_process_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(organisation, applicant):
    """A submitted interim report of the first half of the project with three actuals."""
    start = timezone.localdate() - datetime.timedelta(days=100)
    report = ReportFactory(
        application__organisation=organisation,
        application__created_by=applicant,
        application__project_start=start,
        application__project_end=start + datetime.timedelta(days=199),
        kind=ReportKind.INTERIM,
        period_end=start + datetime.timedelta(days=99),
    )
    fill_report(report, receipts=1)
    application = report.application
    goals = [
        ("Durchgeführte Termine", "0", "40", "20"),
        ("Erreichte Teilnehmende", "0", "60", "25"),
    ]
    values = {}
    for position, (name, baseline, target, value) in enumerate(goals, start=1):
        indicator = ApplicationIndicatorFactory(
            application=application,
            indicator__name=name,
            baseline=baseline,
            target=target,
            position=position,
        )
        values[indicator.pk] = IndicatorValue(value=Decimal(value))
    own = ApplicationIndicatorFactory(
        application=application,
        indicator=None,
        own_name="Rezepte im Rezeptheft",
        own_unit="count",
        own_direction="increase",
        baseline="0",
        target="40",
        position=3,
    )
    values[own.pk] = IndicatorValue(value=Decimal("5"), comment="Das Heft entsteht im Herbst.")
    report_indicators_save(report=report, user=applicant, values=values)
    return report_case_submit(report=report, user=applicant)


def check_task(report):
    reverse("antraege:case", args=[report.application_id])  # loads the flows' URLs
    return report_process_of(report).task_set.get(flow_task=REPORTS.check, status="NEW")


def actuals_of(report):
    return list(report.indicator_actuals.order_by("application_indicator__position"))


def test_the_checker_sees_the_statuses_and_confirms_them_with_the_check(client, staff, report):
    termine, teilnehmende, rezepte = actuals_of(report)
    # Half the project has passed: 20 of 40 on track, 25 of 60 at risk, 5 of 40 missed.
    assert [a.status for a in (termine, teilnehmende, rezepte)] == [
        IndicatorStatus.ON_TRACK,
        IndicatorStatus.AT_RISK,
        IndicatorStatus.MISSED,
    ]
    caseworker = staff["caseworker"]
    client.force_login(caseworker)
    task = check_task(report)
    client.post(REPORTS.check.reverse("assign", args=[task.process_id, task.pk]))
    url = REPORTS.check.reverse("execute", args=[task.process_id, task.pk])
    page = client.get(url).content.decode()
    for text in ("im Plan", "gefährdet", "verfehlt", "Das Heft entsteht im Herbst."):
        assert text in page
    assert page.count("Stand bestätigt:") == 3
    assert f'name="confirm_{termine.pk}"' in page

    data = {"result": "accepted", f"confirm_{termine.pk}": "on", f"confirm_{rezepte.pk}": "on"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    termine, teilnehmende, rezepte = actuals_of(report)
    assert (termine.confirmed_by, rezepte.confirmed_by) == (caseworker, caseworker)
    assert termine.confirmed_at is not None
    assert teilnehmende.confirmed_by is None and teilnehmende.confirmed_at is None
    entry = AuditEntry.objects.for_object(report).get(action="grants.report.indicators_confirmed")
    assert entry.actor == caseworker
    assert entry.after["confirmed"] == sorted([termine.pk, rezepte.pk])
    assert entry.label == "Stand der Indikatoren bestätigt"

    case = client.get(reverse("antraege:case", args=[report.application_id])).content.decode()
    assert "Rezepte im Rezeptheft" in case and "gefährdet" in case
    assert str(caseworker) in case


def test_a_failed_check_confirms_nothing(client, staff, report):
    termine = actuals_of(report)[0]
    client.force_login(staff["caseworker"])
    task = check_task(report)
    client.post(REPORTS.check.reverse("assign", args=[task.process_id, task.pk]))
    url = REPORTS.check.reverse("execute", args=[task.process_id, task.pk])
    # A request for revision without a message is refused, and with it the confirmation.
    response = client.post(url, {"result": "revision", f"confirm_{termine.pk}": "on"})
    assert response.status_code == 200
    assert "Bitte schreiben Sie dem Träger, was fehlt." in response.content.decode()
    termine.refresh_from_db()
    assert termine.confirmed_at is None
    assert not AuditEntry.objects.filter(action="grants.report.indicators_confirmed").exists()


def test_an_applicant_cannot_confirm_a_status(client, applicant, report):
    termine = actuals_of(report)[0]
    task = check_task(report)
    client.force_login(applicant)
    url = REPORTS.check.reverse("execute", args=[task.process_id, task.pk])
    assert (
        client.post(url, {"result": "accepted", f"confirm_{termine.pk}": "on"}).status_code == 403
    )
    with pytest.raises(NotAllowed):
        report_indicators_confirm(report=report, user=applicant, confirmed={termine.pk})
    termine.refresh_from_db()
    assert termine.confirmed_at is None


def test_staff_without_the_caseworker_role_cannot_check_or_confirm(client, staff, report):
    termine = actuals_of(report)[0]
    reviewer = staff["reviewer"]
    task = check_task(report)
    client.force_login(reviewer)
    assign = REPORTS.check.reverse("assign", args=[task.process_id, task.pk])
    assert client.post(assign).status_code == 403
    execute = REPORTS.check.reverse("execute", args=[task.process_id, task.pk])
    assert (
        client.post(execute, {"result": "accepted", f"confirm_{termine.pk}": "on"}).status_code
        == 403
    )
    with pytest.raises(NotAllowed, match="Sachbearbeitung"):
        report_indicators_confirm(report=report, user=reviewer, confirmed={termine.pk})
    termine.refresh_from_db()
    report.refresh_from_db()
    assert termine.confirmed_at is None and report.status == ReportStatus.SUBMITTED
