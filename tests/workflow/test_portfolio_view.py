"""The portfolio view /staff/wirkung/: every staff role sees it, with key figures, charts with
a text alternative, suppressed small counts of people, the filters and the Excel export of
exactly the filtered figures, in a fixed number of queries; applicants and strangers do not."""

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.roles import ADMINISTRATION
from tests.budgeting.portfolio_factories import chooses, grant, report
from tests.factories import CallFactory
from tests.grants.indicator_factories import IndicatorFactory
from tests.workflow.conftest import staff_member

pytestmark = pytest.mark.django_db
URL = "/staff/wirkung/"


@pytest.fixture
def portfolio_data(call, staff):
    """A grant of 1,000.00 € in three districts reaching 3 people, one of another programme."""
    user = staff["finance"]
    made = grant(call, user, approved="1000.00", paid="250.00", districts=(0, 1, 2))
    people = IndicatorFactory(programme=call.programme, code="TN", name="Erreichte Frauen")
    report(made, actuals=[(chooses(made, people, "20"), "3", "at_risk")])
    grant(CallFactory(), user, approved="4000.00", year=2025)
    return people


@pytest.mark.parametrize("role", ["caseworker", "reviewer", "finance", "approver"])
def test_every_staff_role_sees_the_portfolio(client, staff, role):
    client.force_login(staff[role])
    assert client.get(URL).status_code == 200


def test_administration_sees_it_too_and_the_menu_links_it(client):
    client.force_login(staff_member(ADMINISTRATION))
    page = client.get(URL).content.decode()
    assert 'href="/staff/wirkung/"' in page and "Wirkung" in page


def test_the_page_shows_figures_charts_and_hides_small_counts_of_people(
    client, staff, call, portfolio_data
):
    client.force_login(staff["caseworker"])
    page = client.get(URL).content.decode()
    assert "5.000,00\u00a0€" in page and "250,00\u00a0€" in page
    assert "333,34\u00a0€" in page and "Uellendahl-Katernberg" in page
    assert page.count('aria-hidden="true" font-family') == 3  # three charts
    assert "<figcaption" in page and "Bewilligt nach Stadtbezirk und Jahr" in page
    assert "Zahlen über Personen unter 5 werden nicht gezeigt." in page
    assert "TN – Erreichte Frauen" in page
    assert "&lt; 5" in page
    filtered = client.get(f"{URL}?programme={call.programme_id}&year=2026").content.decode()
    assert "1.000,00\u00a0€" in filtered and "5.000,00\u00a0€" not in filtered


def test_a_people_count_of_seven_is_shown(client, staff, call, portfolio_data):
    other = grant(call, staff["finance"], approved="10.00")
    report(other, actuals=[(chooses(other, portfolio_data, "5"), "4", "on_track")])
    client.force_login(staff["caseworker"])
    row = client.get(URL).context["data"].indicators.rows[0]
    assert str(row.actual) == "7"
    assert "&lt; 5" not in client.get(URL).content.decode()


def test_the_export_holds_exactly_the_filtered_figures(client, staff, call, portfolio_data):
    client.force_login(staff["reviewer"])
    response = client.get(f"{URL}?programme={call.programme_id}&format=xlsx")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="wirkung.xlsx"' in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    figures = {row[0].value: row[1].value for row in book["Kennzahlen"].iter_rows() if row[0].value}
    assert figures["Bewilligungen"] == 1 and figures["bewilligt (netto gebunden)"] == 1000
    assert [row[9].value for row in book["Indikatoren"].iter_rows()][:2] == ["Ist", "< 5"]
    assert client.get(f"{URL}?format=csv").status_code == 404


def test_the_page_takes_the_same_queries_for_1_and_12_grants(client, staff, call):
    people = IndicatorFactory(programme=call.programme)
    client.force_login(staff["caseworker"])
    counts = []
    for total in (1, 12):
        while call.applications.count() < total:
            made = grant(call, staff["finance"], districts=(0, 4))
            report(made, actuals=[(chooses(made, people, "10"), "6", "on_track")])
        with CaptureQueriesContext(connection) as captured:
            response = client.get(f"{URL}?programme={call.programme_id}")
        assert response.context["data"].figures.grants == total
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_applicants_get_403_and_strangers_the_login(client, applicant):
    assert client.get(URL)["Location"].startswith("/konto/anmelden/")
    client.force_login(applicant)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}?format=xlsx").status_code == 403
