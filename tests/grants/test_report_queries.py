"""The report pages run a fixed number of queries, whatever the length of the Belegliste."""

import pytest
from django.urls import reverse

from tests.grants.report_factories import ReportFactory, fill_report

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("receipts", [1, 30])
@pytest.mark.parametrize("name", ["portal:report_edit", "portal:report_detail"])
def test_the_report_pages_run_the_same_number_of_queries_for_1_and_30_receipts(
    applicant_client, organisation, applicant, receipts, name, django_assert_num_queries
):
    report = ReportFactory(
        application__organisation=organisation, application__created_by=applicant
    )
    fill_report(report, receipts=receipts)
    # session, user, memberships; the report; cost and financing lines, actuals of both,
    # checks, receipts (prefetched); the membership check of the edit permission
    with django_assert_num_queries(11):
        response = applicant_client.get(reverse(name, args=[report.pk]))
    assert response.status_code == 200
    assert response.content.decode().count("Kursleitung Termin") == receipts
