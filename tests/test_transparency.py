"""The public transparency page /transparenz/ and its open-data downloads."""

import csv
import datetime
import io
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tests.budgeting.opendata_factories import grant

pytestmark = pytest.mark.django_db

URL = "/transparenz/"


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.deactivate()  # an English request must not leak into the next test


def page(client, url=URL, **headers) -> str:
    response = client.get(url, **headers)
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_needs_no_login_and_lists_only_published_grants(client):
    shown = grant(title="Nachbarschaftsgarten")
    grant(title="Geheimes Projekt", consent=False)
    html = page(client)
    assert shown.reference in html and "Nachbarschaftsgarten" in html
    assert shown.organisation.name in html and shown.call.programme.name in html
    assert "Elberfeld" in html and "8.000,00" in html and "2. März 2026" in html
    assert "Geheimes Projekt" not in html


def test_the_page_filters_by_year_programme_and_district_with_totals(client):
    old = grant(decided_on=datetime.date(2025, 6, 1), approved="1000.00", districts=(1,))
    new = grant(decided_on=datetime.date(2026, 2, 1), approved="2500.50", districts=(5,))
    html = page(client)
    assert "3.500,50" in html and "2 Förderungen" in html
    html = page(client, f"{URL}?year=2026")
    assert new.reference in html and old.reference not in html
    assert "2.500,50" in html and "1 Förderung)" in html
    district = old.districts.get()
    html = page(client, f"{URL}?district={district.pk}")
    assert old.reference in html and new.reference not in html
    html = page(client, f"{URL}?programme={new.call.programme_id}")
    assert new.reference in html and old.reference not in html


def test_the_page_is_paginated_and_keeps_the_filter(client):
    for _number in range(26):
        grant(decided_on=datetime.date(2026, 1, 5))
    html = page(client, f"{URL}?year=2026")
    assert "Seite 1 von 2" in html and "?year=2026&amp;page=2" in html
    assert "26 Förderungen" in html
    html = page(client, f"{URL}?year=2026&page=2")
    assert html.count('<th scope="row">ZI-') == 1


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        page(client, url)
    return len(captured)


# year choices, programme choices, districts (a chosen value is checked against the choices
# already read: core.filters), count, totals, rows, their districts
@pytest.mark.parametrize(("query", "expected"), [("", 7), ("?year=2026&district=__district__", 7)])
def test_the_page_runs_the_same_queries_for_1_and_20_grants(client, query, expected):
    first = grant(districts=(0, 1), paid=["10.00"])
    url = URL + query.replace("__district__", str(first.districts.first().pk))
    one = queries(client, url)
    for number in range(19):
        grant(districts=(0, number % 10), paid=["10.00"], refunded=["1.00"])
    assert (one, queries(client, url)) == (expected, expected)


def test_no_personal_data_on_the_page_or_in_the_files(client):
    application = grant(organisation__contact_phone="0202 9876543")
    organisation = application.organisation
    secrets = [
        organisation.contact_name,
        organisation.contact_email,
        organisation.contact_phone,
        organisation.street,
        application.created_by.email,
        application.created_by.last_name,
        organisation.bank_account.iban,
        organisation.bank_account.iban_formatted,
    ]
    for url in (URL, f"{URL}360giving.json", f"{URL}360giving.csv"):
        content = client.get(url).content.decode()
        assert organisation.name in content
        for secret in secrets:
            assert secret not in content, (url, secret)


def test_the_downloads_hold_exactly_what_the_filter_shows(client):
    old = grant(decided_on=datetime.date(2025, 6, 1))
    new = grant(decided_on=datetime.date(2026, 2, 1))
    response = client.get(f"{URL}360giving.json?year=2026")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    ids = [g["id"] for g in json.loads(response.content)["grants"]]
    assert len(ids) == 1 and ids[0].endswith(new.reference)
    response = client.get(f"{URL}360giving.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8"))))
    assert {row["Identifier"][-len(old.reference) :] for row in rows} == {
        old.reference,
        new.reference,
    }
    assert client.get(f"{URL}360giving.csv?year=2024").status_code == 404
    html = page(client, f"{URL}?year=2026")
    assert f"{URL}360giving.json?year=2026" in html and f"{URL}360giving.csv?year=2026" in html


def test_the_page_is_accessible_in_its_structure(client):
    grant()
    html = page(client)
    assert '<html lang="de"' in html
    assert "<caption" in html and '<th scope="col">' in html and '<th scope="row">' in html
    for name in ("year", "programme", "district", "language"):
        assert f'for="id_{name}"' in html or f'for="{name}"' in html, name
    assert 'role="search"' in html and "<main" in html and "<nav" in html
    assert 'lang="en"' in html  # the language switch names English in English


def test_the_page_explains_what_is_never_published_and_names_the_licence(client, settings):
    html = page(client)
    assert "Daten über Personen veröffentlichen wir nie" in html
    assert settings.OPEN_DATA["license"] in html
    assert "360Giving" in html


def test_the_page_speaks_english_to_an_english_browser(client):
    grant()
    html = page(client, HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="en"' in html
    assert "Transparency: funded projects" in html
    assert "We never publish data about persons" in html
    assert "Year of the award" in html and "all districts" in html
    assert "8,000.00" in html and "1 grant)" in html and "2 March 2026" in html
    assert "Daten über Personen" not in html


def test_the_language_switch_sets_english_for_every_page(client):
    grant()
    response = client.post("/i18n/setlang/", {"language": "en", "next": URL})
    assert response.status_code == 302 and response["Location"] == URL
    assert "Transparency: funded projects" in page(client)
    assert "Cookie" in client.get(URL)["Vary"]
    # The portal and the start page follow the switch too (core.middleware).
    assert '<html lang="en"' in page(client, "/portal/registrieren/")
    assert '<html lang="en"' in page(client, "/")
    client.post("/i18n/setlang/", {"language": "de", "next": URL})
    assert "Transparenz: geförderte Projekte" in page(client, HTTP_ACCEPT_LANGUAGE="en")
