"""The portfolio workbook: four small sheets with exactly the filtered figures, EUR formats,
totals as live formulas, user text that stays text, and suppressed cells as "< 5"."""

import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.http import QueryDict

from budgeting.portfolio.export import portfolio_xlsx
from budgeting.portfolio.selectors import portfolio
from grants.models import Theme
from tests.budgeting.portfolio_factories import chooses, grant, report
from tests.factories import CallFactory, OrganisationFactory, UserFactory
from tests.grants.indicator_factories import IndicatorFactory

pytestmark = pytest.mark.django_db
EURO = '#,##0.00 "€"'
FORMULA_TITLE = '=HYPERLINK("http://example.org","klick")'


def workbook(**params):
    data = portfolio(QueryDict(urlencode(params)))
    return openpyxl.load_workbook(io.BytesIO(portfolio_xlsx(data)))


def values(sheet):
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def filled(call):
    """Two grants of the call in 2026 (one of an organisation named like a formula, in three
    districts) with a people count of 3 and one of another programme."""
    user = UserFactory()
    call.programme.themes.set([Theme.objects.create(code="test-link", name=FORMULA_TITLE)])
    tricky = OrganisationFactory(name=FORMULA_TITLE)
    first = grant(
        call, user, approved="1000.00", paid="400.00", districts=(0, 1, 2), organisation=tricky
    )
    grant(call, user, approved="500.00", year=2025)
    grant(CallFactory(), user, approved="9999.00")
    people = IndicatorFactory(programme=call.programme, code="TN")
    budget = IndicatorFactory(programme=call.programme, code="EUR", unit="eur", about_people=False)
    report(
        first,
        actuals=[
            (chooses(first, people, "12"), "3", "at_risk"),
            (chooses(first, budget, "250"), "120.5", "on_track"),
        ],
    )
    return tricky


def test_the_workbook_has_four_sheets_with_the_filtered_figures(call, filled):
    book = workbook(programme=call.programme_id, year=2026)
    assert book.sheetnames == [
        "Kennzahlen",
        "Nach Handlungsfeld",
        "Nach Stadtbezirk",
        "Indikatoren",
    ]
    figures = {row[0]: row[1] for row in values(book["Kennzahlen"])[:10] if row[0]}
    assert figures["Jahr der Bewilligung"] == "2026"
    assert figures["Förderprogramm"] == call.programme.name
    assert figures["Bewilligungen"] == 1
    assert figures["bewilligt (netto gebunden)"] == 1000
    assert figures["ausgezahlt abzüglich Rückzahlungen"] == 400
    assert figures["davon erstmals gefördert"] == 1
    assert book["Kennzahlen"]["B5"].number_format == EURO  # after two filters and the count
    districts = book["Nach Stadtbezirk"]
    assert values(districts)[:4] == [
        ["Stadtbezirk", "2026", "Summe"],
        ["Elberfeld", 333.33, "=SUM(B2:B2)"],
        ["Elberfeld-West", 333.33, "=SUM(B3:B3)"],
        ["Uellendahl-Katernberg", 333.34, "=SUM(B4:B4)"],
    ]
    assert values(districts)[4] == ["Summe", "=SUM(B2:B4)", "=SUM(C2:C4)"]
    assert districts["B2"].number_format == EURO


def test_user_text_stays_text_and_small_counts_of_people_are_suppressed(filled):
    book = workbook(organisation=filled.pk)
    theme = book["Nach Handlungsfeld"]["A2"]
    assert theme.value == FORMULA_TITLE and theme.data_type == "s"
    organisation = [row for row in book["Kennzahlen"].iter_rows() if row[0].value == "Organisation"]
    assert organisation[0][1].value == FORMULA_TITLE and organisation[0][1].data_type == "s"
    indicators = {row[0]: row for row in values(book["Indikatoren"])}
    assert indicators["TN"][7:10] == [12, 12, "< 5"]  # targets 12, actual 3 people
    assert indicators["EUR"][9] == 120.5
    assert [row[0] for row in values(book["Indikatoren"])[1:3]] == ["EUR", "TN"]
    assert book["Indikatoren"]["J2"].number_format == EURO
    assert book["Indikatoren"]["J3"].data_type == "s"
    assert "Zahlen über Personen unter 5 werden nicht gezeigt." in [
        row[0] for row in values(book["Indikatoren"])
    ]
