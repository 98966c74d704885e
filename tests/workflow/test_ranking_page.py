"""Rangliste: the staff page of a call's ranking and its workbook, who may see them, and a
query count that does not grow with the rows."""

import io

import openpyxl
import pytest
from django.urls import reverse

from core.roles import ADMINISTRATION, APPROVER, CASEWORKER, FINANCE, REVIEWER
from tests.budgeting.ranking_factories import commit, judged, ranked_call, reviewed, staff_in

pytestmark = pytest.mark.django_db
MARK = "hier reicht das Geld nicht mehr"
# session, user, second factor, staff gate, permissions (2), call, ranking (3), chooser
QUERIES = 11


def page(client, user, call=None):
    client.force_login(user)
    query = {} if call is None else {"call": call.pk}
    return client.get(reverse("rangliste:index"), query)


@pytest.fixture
def call():
    """15,000.00 € free; three reviewed cases of 8,000.00 € each (the second is beyond)."""
    call = ranked_call(free="20000.00")
    commit(call, "5000.00")
    reviewed(call, "4.80", title="Sprachcafé Oberbarmen", reference="2026-0001")
    reviewed(call, "4.10", title="Nähwerkstatt Vohwinkel", reference="2026-0002")
    reviewed(call, "2.30", title="Fußballtreff Elberfeld", reference="2026-0003")
    return call


def test_the_ranking_page_lists_the_cases_by_score_and_marks_where_the_money_runs_out(client, call):
    response = page(client, staff_in(CASEWORKER), call)
    assert response.status_code == 200
    html = response.content.decode()
    first, second, third = (
        html.index("Sprachcafé Oberbarmen"),
        html.index("Nähwerkstatt Vohwinkel"),
        html.index("Fußballtreff Elberfeld"),
    )
    assert first < html.index(MARK) < second < third
    assert "Ab Rang 2 reicht das freie Budget nicht mehr." in html
    assert "15.000,00\N{NO-BREAK SPACE}€" in html
    assert reverse("rangliste:export", kwargs={"pk": call.pk}) in html


def test_a_panel_case_shows_its_votes_and_the_spread_flag(client):
    call = ranked_call(panel=True)
    judged(call, ["5.00", "3.00", "4.60"], title="Theater im Quartier")
    html = page(client, staff_in(APPROVER), call).content.decode()
    assert "Jury, 3 Stimmen" in html
    assert "zu groß: besprechen" in html


def test_without_a_call_the_page_offers_the_chooser(client, call):
    response = page(client, staff_in(FINANCE))
    assert response.status_code == 200
    assert "Bitte wählen Sie einen Förderaufruf." in response.content.decode()
    assert str(call) in response.content.decode()


def test_an_unknown_call_is_refused_with_the_form_error(client):
    client.force_login(staff_in(CASEWORKER))
    response = client.get(reverse("rangliste:index"), {"call": "999999"})
    assert response.status_code == 400


def test_the_download_is_the_calls_workbook_with_its_rows_and_formulas(client, call):
    client.force_login(staff_in(ADMINISTRATION))
    response = client.get(reverse("rangliste:export", kwargs={"pk": call.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="rangliste-')
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Rangliste"]
    titles = [sheet.cell(row, 3).value for row in (5, 6, 7)]
    assert titles == ["Sprachcafé Oberbarmen", "Nähwerkstatt Vohwinkel", "Fußballtreff Elberfeld"]
    assert sheet["K7"].value == "=SUM(J$5:J7)"
    assert sheet["I8"].value == "=SUM(I5:I7)"


def test_the_download_of_an_unknown_call_is_not_found(client):
    client.force_login(staff_in(FINANCE))
    assert client.get(reverse("rangliste:export", kwargs={"pk": 999999})).status_code == 404


@pytest.mark.parametrize("role", [CASEWORKER, APPROVER, ADMINISTRATION, FINANCE])
def test_these_roles_see_the_ranking_in_the_staff_menu(client, role):
    response = page(client, staff_in(role))
    assert response.status_code == 200
    assert reverse("rangliste:index") in response.content.decode()


def test_jurors_may_not_see_the_ranking_nor_its_download(client, call):
    juror = staff_in(REVIEWER)
    assert page(client, juror, call).status_code == 403
    export = reverse("rangliste:export", kwargs={"pk": call.pk})
    assert client.get(export).status_code == 403
    menu = client.get(reverse("antraege:index")).content.decode()
    assert reverse("rangliste:index") not in menu


def test_applicants_may_not_see_the_ranking_nor_its_download(client, applicant, call):
    assert page(client, applicant, call).status_code == 403
    export = reverse("rangliste:export", kwargs={"pk": call.pk})
    assert client.get(export).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login(client, call):
    response = client.get(reverse("rangliste:index"), {"call": call.pk})
    assert response.status_code == 302
    assert "/anmelden/" in response["Location"]


@pytest.mark.parametrize("count", [2, 6])
def test_the_ranking_page_takes_the_same_queries_however_many_rows(
    client, count, django_assert_num_queries
):
    call = ranked_call(panel=True)
    cases = [judged(call, ["4.00", "3.00", "2.00"], minute=number) for number in range(count)]
    for _number in range(count):
        ranked_call()  # other calls in the chooser
    user = staff_in(CASEWORKER)
    client.force_login(user)
    with django_assert_num_queries(QUERIES):
        response = client.get(reverse("rangliste:index"), {"call": call.pk})
    assert response.status_code == 200
    html = response.content.decode()
    assert all(reverse("antraege:case", kwargs={"pk": case.pk}) in html for case in cases)
