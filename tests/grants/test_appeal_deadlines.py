"""Delivery dates and the appeal period: § 41 Abs. 2/2a VwVfG, § 188 Abs. 2/3 BGB, § 57 Abs. 2
VwGO with § 222 Abs. 2 ZPO, public holidays of NRW from the `holidays` calendar."""

from datetime import date

import pytest

from grants.deadlines import (
    appeal_period_end,
    final_from,
    is_working_day,
    post_delivery_date,
    provision_last_day,
    retrieval_delivery_date,
)


def test_the_period_ends_on_the_day_with_the_same_number_in_the_next_month():
    # delivered Tuesday 10 March 2026 → Friday 10 April 2026
    assert appeal_period_end(date(2026, 3, 10)) == date(2026, 4, 10)
    assert final_from(date(2026, 3, 10)) == date(2026, 4, 11)


def test_a_period_ending_on_a_saturday_ends_on_the_monday():
    # delivered Saturday 7 February 2026 → Saturday 7 March 2026 → Monday 9 March 2026
    assert date(2026, 3, 7).weekday() == 5
    assert appeal_period_end(date(2026, 2, 7)) == date(2026, 3, 9)
    assert final_from(date(2026, 2, 7)) == date(2026, 3, 10)


def test_a_period_ending_on_a_sunday_ends_on_the_monday():
    # delivered 8 February 2026 → Sunday 8 March 2026 → Monday 9 March 2026
    assert appeal_period_end(date(2026, 2, 8)) == date(2026, 3, 9)


def test_a_period_ending_on_corpus_christi_in_nrw_ends_the_next_day():
    # delivered 4 May 2026 → Thursday 4 June 2026 is Fronleichnam, a holiday in NRW
    assert not is_working_day(date(2026, 6, 4))
    assert appeal_period_end(date(2026, 5, 4)) == date(2026, 6, 5)


def test_a_period_ending_on_easter_monday_ends_on_the_tuesday():
    # delivered 6 March 2026 → 6 April 2026 is Ostermontag
    assert appeal_period_end(date(2026, 3, 6)) == date(2026, 4, 7)


def test_christmas_and_a_weekend_in_a_row_move_the_end_to_the_next_monday():
    # 25 December 2026 (Friday, holiday), 26 (Saturday, holiday), 27 (Sunday) → 28 December
    assert appeal_period_end(date(2026, 11, 25)) == date(2026, 12, 28)


@pytest.mark.parametrize(
    ("delivered", "end"),
    [
        (date(2025, 1, 31), date(2025, 2, 28)),  # Friday: the last day of February
        (date(2024, 1, 31), date(2024, 2, 29)),  # a leap year
        (date(2026, 1, 31), date(2026, 3, 2)),  # 28 February 2026 is a Saturday
        (date(2026, 3, 31), date(2026, 4, 30)),  # April has no 31st
    ],
)
def test_a_month_without_the_day_ends_the_period_on_its_last_day(delivered, end):
    assert appeal_period_end(delivered) == end


def test_a_posted_notice_counts_as_delivered_on_the_fourth_day(settings):
    settings.NOTICE_DELIVERY_DAYS = 4
    assert post_delivery_date(date(2026, 3, 2)) == date(2026, 3, 6)


def test_a_retrieved_notice_counts_as_delivered_on_the_next_day():
    assert retrieval_delivery_date(date(2026, 3, 5)) == date(2026, 3, 6)


def test_the_provision_lasts_ten_days_after_the_notification(settings):
    settings.NOTICE_PROVISION_DAYS = 10
    assert provision_last_day(date(2026, 3, 2)) == date(2026, 3, 12)


def test_only_weekdays_that_are_no_nrw_holiday_are_working_days():
    assert is_working_day(date(2026, 3, 2))  # Monday
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 11, 1))  # Allerheiligen (a Sunday anyway)
    assert not is_working_day(date(2026, 10, 3))  # Tag der Deutschen Einheit
    assert is_working_day(date(2026, 11, 18))  # Buß- und Bettag is a holiday only in Saxony
