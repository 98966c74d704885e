"""The staff application list and the queue run a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ApplicationFactory
from workflow.services.case import case_submit

pytestmark = pytest.mark.django_db


def submit_cases(count, organisation, applicant, call):
    for number in range(count):
        application = ApplicationFactory(
            organisation=organisation, created_by=applicant, call=call, title=f"Fall {number}"
        )
        case_submit(application=application, user=applicant)


def queries(client, url) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


# session, user, the second factor's device, staff-role check, the filter form's four choice
# lists, count, rows, …
@pytest.mark.parametrize(
    ("url", "marker", "expected"),
    [
        ("/staff/antraege/", "Fall ", 12),
        ("/staff/antraege/?status=submitted&q=Fall", "Fall ", 12),
        ("/staff/verfahren/queue/", "Vollständigkeitsprüfung", 15),
    ],
)
def test_list_pages_run_the_same_queries_for_1_and_50_cases(
    client, staff, organisation, applicant, call, url, marker, expected
):
    client.force_login(staff["caseworker"])
    submit_cases(1, organisation, applicant, call)
    one, page = queries(client, url)
    assert marker in page
    submit_cases(49, organisation, applicant, call)
    fifty, page = queries(client, url)
    assert (one, fifty) == (expected, expected)
