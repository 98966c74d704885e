"""Interest on refunds (§ 49a Abs. 3 VwVfG): Basiszinssatz + 5 points, split, rounded once."""

import datetime
from decimal import Decimal, localcontext

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from budgeting.interest import base_rates, refund_interest
from budgeting.models import BaseRate
from core.money import round_money
from tests.factories import UserFactory

D = Decimal
day = datetime.date

# The published Basiszinssätze that the data migration seeds.
RATES = [
    (day(2023, 1, 1), D("1.62")),
    (day(2023, 7, 1), D("3.12")),
    (day(2024, 1, 1), D("3.62")),
    (day(2024, 7, 1), D("3.37")),
    (day(2025, 1, 1), D("2.27")),
    (day(2025, 7, 1), D("1.27")),
    (day(2026, 1, 1), D("1.27")),
]


def interest(amount, start, end, rates=RATES, **kwargs):
    return refund_interest(amount=D(amount), start=start, end=end, rates=rates, **kwargs)


def test_a_period_within_one_half_year():
    # 29 + 31 + 30 = 90 days at 3.62 + 5 = 8.62 %: 1,400 × 0.0862 × 90 / 365 = 29.7567… → 29.76
    result = interest("1400.00", day(2024, 2, 1), day(2024, 5, 1))
    assert result.total == D("29.76")
    [period] = result.periods
    assert (period.start, period.end, period.days, period.rate_percent) == (
        day(2024, 2, 1),
        day(2024, 5, 1),
        90,
        D("8.62"),
    )
    assert period.interest.quantize(D("1e-10")) == D("29.7567123288")


def test_a_period_over_two_changes_is_split_in_three_and_rounded_once():
    result = interest("1400.05", day(2024, 5, 1), day(2025, 3, 1))
    parts = [(p.start, p.end, p.days, p.rate_percent) for p in result.periods]
    assert parts == [
        (day(2024, 5, 1), day(2024, 7, 1), 61, D("8.62")),
        (day(2024, 7, 1), day(2025, 1, 1), 184, D("8.37")),
        (day(2025, 1, 1), day(2025, 3, 1), 59, D("7.27")),
    ]
    # 1,400.05 × 8.62 % × 61/365, × 8.37 % × 184/365, × 7.27 % × 59/365
    assert [p.interest.quantize(D("1e-10")) for p in result.periods] == [
        D("20.1691586575"),
        D("59.0736713425"),
        D("16.4526971644"),
    ]
    # 95.6955271644 → 95.70; rounding each part first would give 20.17 + 59.07 + 16.45 = 95.69.
    assert result.total == D("95.70")
    assert sum(round_money(p.interest) for p in result.periods) == D("95.69")


def test_the_start_day_counts_and_the_end_day_does_not():
    # one day at 8.62 %: 1,000 × 0.0862 / 365 = 0.2361… → 0.24
    result = interest("1000.00", day(2024, 3, 1), day(2024, 3, 2))
    assert result.periods[0].days == 1
    assert result.total == D("0.24")
    assert result.periods[0].interest.quantize(D("1e-10")) == D("0.2361643836")


def test_a_change_on_the_start_day_applies_from_the_start():
    result = interest("1000.00", day(2024, 7, 1), day(2024, 7, 11))
    assert [(p.days, p.rate_percent) for p in result.periods] == [(10, D("8.37"))]


def test_a_year_has_365_days_also_in_a_leap_year():
    # 2024 is a leap year: 366 days at 8.62 % then 8.37 %, divided by 365 each.
    result = interest("36500.00", day(2024, 1, 1), day(2025, 1, 1))
    assert [p.days for p in result.periods] == [182, 184]
    assert result.total == D("3108.92")  # 8.62 × 182 + 8.37 × 184 = 1568.84 + 1540.08


def test_the_rates_may_come_in_any_order():
    shuffled = list(reversed(RATES))
    assert interest("1400.00", day(2024, 2, 1), day(2024, 5, 1), shuffled).total == D("29.76")


def test_no_time_no_interest():
    result = interest("1400.00", day(2024, 2, 1), day(2024, 2, 1))
    assert result.total == D("0.00")
    assert result.periods == []


def test_an_end_before_the_start_is_refused():
    with pytest.raises(ValueError, match="liegt vor dem Beginn"):
        interest("1400.00", day(2024, 2, 1), day(2024, 1, 31))


def test_a_start_without_a_base_rate_is_refused():
    with pytest.raises(ValueError, match="kein Basiszinssatz"):
        interest("1400.00", day(2022, 12, 31), day(2023, 2, 1))


def test_a_negative_amount_is_refused():
    with pytest.raises(ValueError):
        interest("-1.00", day(2024, 2, 1), day(2024, 3, 1))


def test_a_negative_rate_bears_no_interest():
    rates = [(day(2016, 7, 1), D("-0.88"))]
    # 2016–2022 the Basiszinssatz was −0.88 %: + 5 points = 4.12 %.
    assert interest("36500.00", day(2020, 1, 1), day(2020, 1, 11), rates).total == D("41.20")
    # Without the 5 points the rate is negative: no (negative) interest.
    result = interest("36500.00", day(2020, 1, 1), day(2020, 1, 11), rates, points_above=D("0"))
    assert result.total == D("0.00")
    assert result.periods[0].rate_percent == D("-0.88")
    assert result.periods[0].interest == 0


@pytest.mark.django_db
def test_the_published_base_rates_are_seeded():
    assert BaseRate.objects.count() >= 7
    assert BaseRate.objects.get(valid_from=day(2024, 1, 1)).rate == D("3.62")
    assert BaseRate.objects.get(valid_from=day(2026, 1, 1)).source == (
        "Deutsche Bundesbank, bitte prüfen"
    )
    rates = base_rates()
    assert rates[: len(RATES)] == RATES
    assert interest("1400.00", day(2024, 2, 1), day(2024, 5, 1), rates).total == D("29.76")


@pytest.mark.django_db
def test_staff_maintain_the_base_rates_in_the_admin(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    page = client.get(reverse("admin:budgeting_baserate_changelist"))
    assert page.status_code == 200
    assert "Basiszinssätze" in page.content.decode()
    assert client.get(reverse("admin:budgeting_baserate_add")).status_code == 200


# Properties

amounts = st.decimals(min_value=0, max_value=1_000_000, places=2)
starts = st.dates(min_value=day(2023, 1, 1), max_value=day(2027, 12, 31))


@settings(deadline=None, max_examples=300)
@given(
    amount=amounts,
    start=starts,
    length=st.integers(min_value=0, max_value=3000),
    cut=st.integers(min_value=0, max_value=3000),
    base=st.lists(st.decimals(min_value=-10, max_value=10, places=2), min_size=7, max_size=7),
)
def test_interest_is_never_negative_and_adds_up_over_a_split(amount, start, length, cut, base):
    # The real rates and invented ones, some low enough that base + 5 points is negative.
    for rates in (
        RATES,
        [(valid_from, rate) for (valid_from, _), rate in zip(RATES, base, strict=True)],
    ):
        end = start + datetime.timedelta(days=length)
        middle = start + datetime.timedelta(days=min(cut, length))
        whole = refund_interest(amount=amount, start=start, end=end, rates=rates)
        first = refund_interest(amount=amount, start=start, end=middle, rates=rates)
        second = refund_interest(amount=amount, start=middle, end=end, rates=rates)
        assert whole.total >= 0
        assert all(period.interest >= 0 for period in whole.periods)
        assert sum(p.days for p in whole.periods) == length
        with localcontext(prec=100):  # add without any rounding
            split = sum(p.interest for p in first.periods + second.periods)
            assert split == sum(p.interest for p in whole.periods)
