"""The filters of the staff lists, the finance pages and the public transparency page with
bad values: the page answers (the bad filter marked, or ignored), never a server error."""

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.security.fuzz import DATES, FUZZ, NUMBERS, TEXT, assert_answer, marked_invalid

pytestmark = pytest.mark.django_db

FILTERS = {
    "antraege:index": [
        *("q", "programme", "status", "district", "amount_min", "amount_max"),
        *("submitted_from", "submitted_to", "page"),
    ],
    "antraege:grants": ["amount_min", "amount_max", "decided_from", "decided_to"],
    "antraege:payments": ["status", "programme", "requested_from", "requested_to", "page"],
    "antraege:reports": ["status", "kind", "due_from", "due_to"],
    "antraege:export": ["amount_min", "submitted_from"],
    "finanzen:index": ["year", "programme", "source", "kind", "produkt"],
    "finanzen:carry_over": ["year"],
    "finanzen:budget_sheet": ["year", "cofunder"],
    "wirkung:index": ["year", "programme", "theme", "district", "organisation"],
    "transparency:index": ["year", "programme", "district", "page"],
}
PAGES = st.sampled_from([(name, param) for name, params in FILTERS.items() for param in params])


@FUZZ
@given(page=PAGES, value=st.one_of(NUMBERS, DATES, TEXT))
def test_a_bad_filter_value_never_fails(client, staff, page, value):
    name, param = page
    client.force_login(staff["finance"])
    data = {param: value, **({"format": "xlsx"} if name == "antraege:export" else {})}
    assert_answer(client.get(reverse(name), data))


@pytest.mark.parametrize("value", ["abc", "1.5", "9" * 5000, "-1", "99999999999999999999"])
def test_the_budget_sheet_of_a_cofunder_that_is_no_number_is_not_found(client, staff, value):
    client.force_login(staff["finance"])
    response = client.get(reverse("finanzen:budget_sheet"), {"year": "2026", "cofunder": value})
    assert response.status_code == 404


@pytest.mark.parametrize("value", ["0", "-1", "1", "1.234", "1E5", "99999999999999999999"])
def test_the_portfolio_marks_a_year_no_date_can_hold(client, staff, value):
    client.force_login(staff["caseworker"])
    response = client.get(reverse("wirkung:index"), {"year": value})
    assert response.status_code == 200
    assert marked_invalid(response, "year")


def test_the_portfolio_still_filters_by_a_real_year(client, staff):
    client.force_login(staff["caseworker"])
    response = client.get(reverse("wirkung:index"), {"year": "2026"})
    assert response.status_code == 200
    assert not marked_invalid(response, "year")
