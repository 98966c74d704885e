"""Indicator targets vs actuals across the portfolio: the latest report handed in counts, sums
and means per catalogue indicator, statuses, own indicators apart, and small-cell suppression."""

from decimal import Decimal

import pytest
from django.http import QueryDict

from budgeting.portfolio.figures import figure
from budgeting.portfolio.selectors import portfolio
from grants.models import ApplicationIndicator, IndicatorAggregation, IndicatorUnit
from tests.budgeting.portfolio_factories import chooses, grant, report
from tests.factories import UserFactory
from tests.grants.indicator_factories import IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def grants(call):
    user = UserFactory()
    return [grant(call, user) for _ in range(3)]


def rows():
    return {row.code: row for row in portfolio(QueryDict()).indicators.rows}


def test_a_sum_indicator_adds_the_latest_handed_in_report_of_each_grant(call, grants):
    people = IndicatorFactory(programme=call.programme, code="TN")
    targets = ("10", "20", "30")
    first, second, _third = (chooses(g, people, t) for g, t in zip(grants, targets, strict=True))
    report(grants[0], interim_days=90, actuals=[(first, "4", "at_risk")])
    report(grants[0], status="submitted", actuals=[(first, "9", "on_track")])  # later: counts
    report(grants[1], interim_days=90, actuals=[(second, "12", "at_risk")])
    report(grants[1], status="draft", actuals=[(second, "100", "on_track")])  # not handed in
    row = rows()["TN"]
    assert (row.grants, row.reporting) == (3, 2)
    assert row.target.value == Decimal("60.00")
    assert row.target_reporting.value == Decimal("30.00")
    assert row.actual.value == Decimal("21.00")
    assert row.statuses == {"on_track": 1, "at_risk": 1, "missed": 0}


def test_means_and_rates_are_averaged_to_the_cent(call, grants):
    share = IndicatorFactory(
        programme=call.programme,
        code="QUOTE",
        unit=IndicatorUnit.PERCENT,
        aggregation=IndicatorAggregation.RATE,
        about_people=False,
    )
    score = IndicatorFactory(
        programme=call.programme,
        code="SCORE",
        unit=IndicatorUnit.SCORE,
        aggregation=IndicatorAggregation.MEAN,
        about_people=False,
    )
    for made, value, points in zip(grants, ("50", "75", "80"), ("1", "2", "2"), strict=True):
        report(
            made,
            actuals=[
                (chooses(made, share, "70"), value, "missed"),
                (chooses(made, score, "3"), points, "on_track"),
            ],
        )
    found = rows()
    assert found["QUOTE"].actual.value == Decimal("68.33")  # 205 / 3
    assert found["QUOTE"].target.value == Decimal("70.00")
    assert found["QUOTE"].actual.text == "68,33\u00a0%"
    assert found["QUOTE"].statuses["missed"] == 3
    assert found["SCORE"].actual.value == Decimal("1.67")


def test_own_indicators_are_counted_but_not_added_up(call, grants):
    for made in grants[:2]:
        ApplicationIndicator.objects.create(
            application=made,
            own_name="Eigene Messgröße",
            own_unit=IndicatorUnit.COUNT,
            own_direction="increase",
            target=Decimal("7"),
        )
    summary = portfolio(QueryDict()).indicators
    assert summary.rows == []
    assert (summary.own_indicators, summary.own_grants) == (2, 2)


def test_a_count_of_three_people_is_shown_as_less_than_five_and_seven_as_seven(call, grants):
    people = IndicatorFactory(programme=call.programme, code="TN")
    first = chooses(grants[0], people, "3")
    report(grants[0], actuals=[(first, "3", "missed")])
    row = rows()["TN"]
    assert row.actual.suppressed and row.actual.value is None
    assert str(row.actual) == "< 5" and row.actual.cell == "< 5"
    assert str(row.target) == "< 5"
    second = chooses(grants[1], people, "4")
    report(grants[1], actuals=[(second, "4", "on_track")])
    row = rows()["TN"]
    assert not row.actual.suppressed and str(row.actual) == "7"
    assert row.actual.cell == Decimal("7.00")


def test_only_counts_of_people_are_suppressed(settings):
    assert figure(Decimal("0"), unit="count", about_people=True).text == "< 5"
    assert figure(Decimal("5"), unit="count", about_people=True).text == "5"
    assert figure(Decimal("3"), unit="count", about_people=False).text == "3"
    assert figure(Decimal("3"), unit="percent", about_people=True).text == "3\u00a0%"
    assert figure(None, unit="count", about_people=True).text == "–"
    settings.IMPACT_MIN_CELL = 10
    assert figure(Decimal("7"), unit="count", about_people=True).text == "< 10"
