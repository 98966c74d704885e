"""The status of an indicator against baseline and target, and the progress of a report."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grants.impact import indicator_status, period_progress
from grants.models import IndicatorDirection, IndicatorStatus

D = Decimal
ON, RISK, MISSED = IndicatorStatus.ON_TRACK, IndicatorStatus.AT_RISK, IndicatorStatus.MISSED
UP, DOWN, HOLD = (
    IndicatorDirection.INCREASE,
    IndicatorDirection.DECREASE,
    IndicatorDirection.MAINTAIN,
)
RANK = {MISSED: 0, RISK: 1, ON: 2}


def status(direction, baseline, target, actual, progress="1"):
    return indicator_status(
        direction=direction,
        baseline=None if baseline is None else D(baseline),
        target=None if target is None else D(target),
        actual=None if actual is None else D(actual),
        progress=D(progress),
    )


@pytest.mark.parametrize(
    ("direction", "baseline", "target", "actual", "progress", "expected"),
    [
        # Increase from 10 to 30 (+20): half the time needs +10.
        (UP, "10", "30", "30", "1", ON),
        (UP, "10", "30", "29.99", "1", RISK),
        (UP, "10", "30", "26", "1", RISK),  # r = 0.8, exactly the border
        (UP, "10", "30", "25.99", "1", MISSED),
        (UP, "10", "30", "20", "0.5", ON),
        (UP, "10", "30", "18", "0.5", RISK),  # r = 0.4 = 0.8 × 0.5
        (UP, "10", "30", "17.99", "0.5", MISSED),
        (UP, "10", "30", "45", "1", ON),  # more than planned
        (UP, None, "40", "40", "1", ON),  # no baseline counts as 0
        (UP, None, "40", "31", "1", MISSED),
        (UP, "10", "30", "10", "0", ON),  # at the very start nothing is due yet
        # Decrease from 40 % to 20 % (−20).
        (DOWN, "40", "20", "20", "1", ON),
        (DOWN, "40", "20", "24", "1", RISK),  # r = 0.8
        (DOWN, "40", "20", "24.01", "1", MISSED),
        (DOWN, "40", "20", "30", "0.5", ON),
        (DOWN, "40", "20", "45", "0.5", MISSED),  # worse than at the start
        # Target = baseline: the level is to be held in the intended direction.
        (UP, "50", "50", "50", "1", ON),
        (UP, "50", "50", "51", "0.5", ON),
        (UP, "50", "50", "49.99", "1", MISSED),
        (DOWN, "5", "5", "4", "1", ON),
        (DOWN, "5", "5", "6", "1", MISSED),
        # A target on the wrong side of the baseline is treated as a level, too.
        (UP, "50", "40", "45", "1", ON),
        (UP, "50", "40", "39", "1", MISSED),
        # Maintain 80: within 5 % (±4) on track, within 10 % (±8) at risk.
        (HOLD, "80", "80", "84", "0.5", ON),
        (HOLD, "80", "80", "76", "1", ON),
        (HOLD, "80", "80", "84.01", "1", RISK),
        (HOLD, "80", "80", "72", "1", RISK),
        (HOLD, "80", "80", "71.99", "1", MISSED),
        (HOLD, None, "0", "0", "1", ON),
        (HOLD, None, "0", "0.01", "1", MISSED),
        (HOLD, None, "-20", "-21", "1", ON),  # 5 % of |target|
    ],
)
def test_status_follows_the_rule(direction, baseline, target, actual, progress, expected):
    assert status(direction, baseline, target, actual, progress) == expected


@pytest.mark.parametrize(("target", "actual"), [(None, "10"), ("10", None), (None, None)])
@pytest.mark.parametrize("direction", [UP, DOWN, HOLD])
def test_no_status_without_an_actual_value_or_a_target(direction, target, actual):
    assert status(direction, "0", target, actual) == ""


values = st.decimals(min_value=-10_000, max_value=10_000, places=2, allow_nan=False)
progresses = st.decimals(min_value=0, max_value=1, places=3, allow_nan=False)


@given(baseline=values, target=values, low=values, high=values, progress=progresses)
def test_for_increase_a_larger_actual_never_gives_a_worse_status(
    baseline, target, low, high, progress
):
    low, high = sorted((low, high))
    lower = indicator_status(
        direction=UP, baseline=baseline, target=target, actual=low, progress=progress
    )
    higher = indicator_status(
        direction=UP, baseline=baseline, target=target, actual=high, progress=progress
    )
    assert RANK[higher] >= RANK[lower]


@given(baseline=values, target=values, low=values, high=values, progress=progresses)
def test_for_decrease_a_smaller_actual_never_gives_a_worse_status(
    baseline, target, low, high, progress
):
    low, high = sorted((low, high))
    lower = indicator_status(
        direction=DOWN, baseline=baseline, target=target, actual=low, progress=progress
    )
    higher = indicator_status(
        direction=DOWN, baseline=baseline, target=target, actual=high, progress=progress
    )
    assert RANK[lower] >= RANK[higher]


@given(baseline=values, target=values, actual=values, early=progresses, late=progresses)
def test_later_in_the_project_the_same_value_never_looks_better(
    baseline, target, actual, early, late
):
    early, late = sorted((early, late))
    kwargs = {"direction": UP, "baseline": baseline, "target": target, "actual": actual}
    assert (
        RANK[indicator_status(**kwargs, progress=late)]
        <= RANK[indicator_status(**kwargs, progress=early)]
    )


@given(baseline=values, target=values, progress=progresses, direction=st.sampled_from([UP, DOWN]))
def test_reaching_the_target_is_always_on_track(baseline, target, progress, direction):
    assert (
        indicator_status(
            direction=direction, baseline=baseline, target=target, actual=target, progress=progress
        )
        == ON
    )


@given(target=values, actual=values, progress=progresses)
def test_maintain_does_not_depend_on_progress_or_baseline(target, actual, progress):
    first = indicator_status(
        direction=HOLD, baseline=None, target=target, actual=actual, progress=progress
    )
    assert first == indicator_status(
        direction=HOLD, baseline=D("12"), target=target, actual=actual, progress=D("1")
    )


START, END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)


@pytest.mark.parametrize(
    ("period_end", "final", "expected"),
    [
        (datetime.date(2026, 12, 31), False, D("1")),
        (datetime.date(2026, 1, 1), False, D(1) / D(365)),
        (datetime.date(2026, 7, 2), False, D(183) / D(365)),
        (datetime.date(2025, 12, 31), False, D("0")),  # before the project: nothing due
        (datetime.date(2027, 3, 31), False, D("1")),  # after the project: all due
        (datetime.date(2026, 3, 31), True, D("1")),  # the final report is always measured in full
    ],
)
def test_progress_is_the_elapsed_share_of_the_project_period(period_end, final, expected):
    progress = period_progress(
        period_end=period_end, project_start=START, project_end=END, final=final
    )
    assert progress == expected


def test_progress_without_a_project_period_is_complete():
    assert period_progress(period_end=END, project_start=None, project_end=None, final=False) == D(
        "1"
    )
