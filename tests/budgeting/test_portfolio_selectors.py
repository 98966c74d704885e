"""The portfolio's figures: money from the ledger, splits that add up, organisations reached
for the first time, the filters, and a fixed number of queries."""

from decimal import Decimal
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from budgeting.portfolio.selectors import portfolio
from core.money import split_money
from grants.models import Theme
from tests.budgeting.portfolio_factories import chooses, grant, report
from tests.factories import ApplicationFactory, CallFactory, OrganisationFactory, UserFactory
from tests.grants.indicator_factories import IndicatorFactory

pytestmark = pytest.mark.django_db


def figures(**params):
    return portfolio(QueryDict(urlencode(params)))


def theme(name):
    return Theme.objects.create(code=f"test-{name.lower()}", name=name)


@pytest.fixture
def user(db):
    return UserFactory()


def test_key_figures_come_from_the_ledger(call, user):
    grant(call, user, approved="8000.00", released="500.00", paid="3000.00", refunded="200.00")
    grant(CallFactory(), user, approved="2000.00", status="approved")
    ApplicationFactory(call=call)  # a draft is no grant
    data = figures()
    assert data.figures.grants == 2
    assert data.figures.approved == Decimal("9500.00")  # 8,000 − 500 + 2,000
    assert data.figures.payouts == Decimal("3000.00")
    assert data.figures.refunds == Decimal("200.00")
    assert data.figures.paid == Decimal("2800.00")
    assert isinstance(data.figures.approved, Decimal)


def test_a_grant_in_three_districts_is_split_so_that_the_parts_add_up(call, user):
    grant(call, user, approved="1000.00", districts=(0, 1, 2))
    grant(call, user, approved="250.00", districts=(1,), year=2025)
    table = figures().by_district
    assert table.years == [2025, 2026]
    rows = {row.name: row.amounts for row in table.rows}
    assert rows == {
        "Elberfeld": [Decimal("0.00"), Decimal("333.33")],
        "Elberfeld-West": [Decimal("250.00"), Decimal("333.33")],
        "Uellendahl-Katernberg": [Decimal("0.00"), Decimal("333.34")],
    }
    assert table.totals == [Decimal("250.00"), Decimal("1000.00")]
    assert table.total == Decimal("1250.00") == sum(row.total for row in table.rows)


@pytest.mark.parametrize(
    ("approved", "parts"),
    [("100.01", ["50.01", "50.00"]), ("0.05", ["0.03", "0.02"]), ("1000.00", ["500.00", "500.00"])],
)
def test_the_database_rounds_the_split_half_up_like_split_money(call, user, approved, parts):
    """The sums are taken in SQL, in whole cents: a tie rounds up, the last part takes the rest,
    on SQLite as on PostgreSQL."""
    grant(call, user, approved=approved, districts=(0, 1))
    rows = {row.name: row.total for row in figures().by_district.rows}
    assert rows == {"Elberfeld": Decimal(parts[0]), "Elberfeld-West": Decimal(parts[1])}
    expected = split_money(Decimal(approved), [Decimal(1), Decimal(1)])
    assert [rows["Elberfeld"], rows["Elberfeld-West"]] == expected


def test_a_programme_with_several_themes_splits_its_money_evenly(call, user):
    themes = [theme("Bildung"), theme("Sport")]
    call.programme.themes.set([*themes, theme("Kultur")])
    grant(call, user, approved="100.00")
    grant(CallFactory(), user, approved="40.00")  # a programme without themes
    table = figures().by_theme
    assert [(row.name, row.total) for row in table.rows] == [
        ("Bildung", Decimal("33.33")),
        ("Kultur", Decimal("33.33")),
        ("Sport", Decimal("33.34")),
        ("ohne Handlungsfeld", Decimal("40.00")),
    ]
    assert table.total == Decimal("140.00")
    assert figures(theme=themes[1].pk).by_theme.total == Decimal("100.00")


def test_an_organisation_is_new_in_the_year_of_its_first_grant_in_any_programme(call, user):
    old, new, gone = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    other = CallFactory()
    grant(other, user, year=2025, organisation=old)  # old's first grant, another programme
    grant(call, user, year=2026, organisation=old)
    grant(call, user, year=2026, organisation=new)
    grant(call, user, year=2026, organisation=new)  # a second grant in its first year
    grant(call, user, year=2025, organisation=gone)
    this_year = figures(year=2026).figures
    assert (this_year.grants, this_year.organisations, this_year.first_time) == (3, 2, 1)
    last_year = figures(year=2025).figures
    assert (last_year.organisations, last_year.first_time) == (2, 2)
    programme = figures(programme=call.programme_id).figures
    assert (programme.organisations, programme.first_time) == (3, 2)  # old came in 2025
    every_year = figures()
    assert (every_year.figures.organisations, every_year.figures.first_time) == (3, 3)
    assert [(y.year, y.organisations, y.first_time) for y in every_year.years] == [
        (2025, 2, 2),
        (2026, 2, 1),
    ]


def test_each_filter_narrows_the_grants(call, user):
    language = theme("Sprache")
    call.programme.themes.add(language)
    organisation = OrganisationFactory(name="Kulturbrücke Oberbarmen e. V.")
    grant(call, user, approved="1000.00", districts=(5,), organisation=organisation)
    grant(call, user, approved="2000.00", year=2025)
    grant(CallFactory(), user, approved="4000.00")
    assert figures().figures.approved == Decimal("7000.00")
    assert figures(year=2026).figures.approved == Decimal("5000.00")
    assert figures(programme=call.programme_id).figures.approved == Decimal("3000.00")
    assert figures(theme=language.pk).figures.approved == Decimal("3000.00")
    assert figures(district=5 + 1).figures.grants == 1  # Barmen has number 5, pk 6
    assert figures(organisation=organisation.pk).figures.approved == Decimal("1000.00")
    assert figures(organisation="brücke ober").figures.grants == 1  # a part of the name
    assert figures(organisation="brücke unter").figures.grants == 0
    assert figures(organisation=" kulturbrücke ").figures.approved == Decimal("1000.00")
    assert figures(organisation="99999999").figures.grants == 0  # no such organisation
    assert figures(year=2026, programme=call.programme_id).figures.grants == 1
    assert figures(year=2024).figures.grants == 0


def make_grants(call, user, total):
    """Grants with two districts, an indicator, two reports each."""
    indicator = call.programme.indicators.first() or IndicatorFactory(programme=call.programme)
    while len(call.applications.all()) < total:
        made = grant(call, user, districts=(0, 1))
        chosen = chooses(made, indicator, "20")
        report(made, status="accepted", interim_days=90, actuals=[(chosen, "8", "on_track")])
        report(made, status="submitted", actuals=[(chosen, "12", "at_risk")])


def test_the_figures_take_the_same_queries_for_1_and_12_grants(call, user):
    counts = []
    for total in (1, 12):
        make_grants(call, user, total)
        with CaptureQueriesContext(connection) as captured:
            data = figures(year=2026, programme=call.programme_id)
        assert data.figures.grants == total
        assert data.indicators.rows[0].actual.value == Decimal(12 * total)
        counts.append(len(captured))
    # the programme choices (also to check the chosen one), themes, the sums, districts, indicators
    assert counts[0] == counts[1] == 5
