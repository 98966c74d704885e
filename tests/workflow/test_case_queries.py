"""The case page runs the same queries however many indicators and report actuals it shows."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grants.models import ReportKind
from tests.factories import ApplicationFactory
from tests.grants.indicator_factories import ApplicationIndicatorFactory, IndicatorActualFactory
from tests.grants.report_factories import ReportFactory
from tests.workflow.helpers import case_url
from workflow.application.case import case_submit

pytestmark = pytest.mark.django_db


def case_with(organisation, applicant, call, *, indicators: int, reports: int):
    """A submitted case with indicators and, per interim report, an actual for each."""
    application = ApplicationFactory(organisation=organisation, created_by=applicant, call=call)
    case_submit(application=application, user=applicant)
    rows = [
        ApplicationIndicatorFactory(application=application, indicator__name=f"Indikator {n}")
        for n in range(indicators)
    ]
    for number in range(reports):
        report = ReportFactory(
            application=application,
            kind=ReportKind.INTERIM,
            period_start=application.project_start,
            period_end=application.project_start + datetime.timedelta(days=30 * (number + 1)),
        )
        for row in rows:
            IndicatorActualFactory(report=report, application_indicator=row, status="on_track")
    return application


def page_queries(client, application) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(case_url(application))
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_case_page_runs_the_same_queries_for_1_and_12_indicators(
    client, staff, organisation, applicant, call
):
    small = case_with(organisation, applicant, call, indicators=1, reports=1)
    large = case_with(organisation, applicant, call, indicators=12, reports=3)
    client.force_login(staff["caseworker"])
    page_queries(client, small)  # warm the caches that every page fills once (content types)
    one, page = page_queries(client, small)
    assert page.count("Indikator 0") == 2  # in the table of indicators and of the report
    twelve, page = page_queries(client, large)
    assert page.count("Indikator 11") == 4  # the table of indicators and three reports
    assert "im Plan" in page and "Zwischennachweis" in page
    assert twelve == one
