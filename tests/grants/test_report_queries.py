"""The report pages run a fixed number of queries, whatever the length of the Belegliste and
the number of indicators."""

import pytest
from django.urls import reverse

from tests.grants.indicator_factories import ApplicationIndicatorFactory, IndicatorActualFactory
from tests.grants.report_factories import ReportFactory, fill_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 30])
@pytest.mark.parametrize("name", ["portal:report_edit", "portal:report_detail"])
def test_the_report_pages_run_the_same_number_of_queries_for_1_and_30_rows(
    applicant_client, organisation, applicant, rows, name, django_assert_num_queries
):
    report = ReportFactory(
        application__organisation=organisation, application__created_by=applicant
    )
    fill_report(report, receipts=rows)
    for number in range(rows):
        indicator = ApplicationIndicatorFactory(
            application=report.application, indicator__name=f"Indikator Nummer {number}"
        )
        IndicatorActualFactory(report=report, application_indicator=indicator)
    # session, user, memberships; the report; cost and financing lines, actuals of both,
    # checks, receipts, indicators and their actuals (prefetched); the membership check of
    # the edit permission; the terms in force with their excluded lines (units per unit?)
    with django_assert_num_queries(15):
        response = applicant_client.get(reverse(name, args=[report.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Kursleitung Termin") == rows
    assert page.count("Indikator Nummer") == rows
