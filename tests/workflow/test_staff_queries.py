"""The staff application list and the queue run a fixed number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grants.models import Application
from tests.factories import ApplicationFactory
from workflow.application.case import case_submit

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


# session, user, the second factor's device, staff-role check, the two permission queries of
# the menu, the filter form's four choice lists (each read once, also to check a chosen value:
# core.filters), count, rows
@pytest.mark.parametrize(
    ("url", "marker", "expected"),
    [
        ("/staff/antraege/", "Fall ", 12),
        ("/staff/antraege/?page=2", "Fall ", 12),
        ("/staff/antraege/?status=submitted&q=Fall", "Fall ", 12),
        ("/staff/antraege/?status=submitted&programme={programme}&call={call}", "Fall ", 12),
        ("/staff/antraege/?q={reference}", "Fall ", 12),
        ("/staff/antraege/fristen/", "Offene Mittelabrufe", 10),  # + notices to post
        ("/staff/verfahren/queue/", "Vollständigkeitsprüfung", 14),
        ("/staff/verfahren/inbox/", "/staff/verfahren/inbox/", 13),
        ("/staff/verfahren/archive/", "/staff/verfahren/archive/", 13),
        ("/staff/verfahren/flows/", "Antragsverfahren", 13),
        ("/staff/verfahren/tasks/", "Vollständigkeitsprüfung", 14),
        ("/staff/mittelabrufe/queue/", "/staff/mittelabrufe/queue/", 13),
        ("/staff/nachweise/queue/", "/staff/nachweise/queue/", 13),
        ("/staff/aenderungen/queue/", "/staff/aenderungen/queue/", 13),
    ],
)
def test_list_pages_run_the_same_queries_for_1_and_50_cases(
    client, staff, organisation, applicant, call, url, marker, expected
):
    client.force_login(staff["caseworker"])
    submit_cases(1, organisation, applicant, call)
    reference = Application.objects.get().reference
    url = url.format(programme=call.programme_id, call=call.pk, reference=reference)
    one, page = queries(client, url)
    assert marker in page
    submit_cases(49, organisation, applicant, call)
    fifty, page = queries(client, url)
    assert (one, fifty) == (expected, expected)


def test_page_500_reads_only_its_own_rows(client, staff, organisation, applicant, call):
    """The page's rows are found by their keys first (core.paging): the rows query joins the
    organisations and programmes of 25 applications, whatever the page's number."""
    client.force_login(staff["caseworker"])
    submit_cases(30, organisation, applicant, call)
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/staff/antraege/?page=2")
    assert response.content.decode().count("/staff/antraege/") >= 5
    rows = [q["sql"] for q in captured if 'FROM "grants_application"' in q["sql"]]
    assert any("LIMIT 5 OFFSET 25" in sql and "IN (SELECT" in sql for sql in rows), rows
