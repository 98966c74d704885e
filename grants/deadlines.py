"""Dates of delivery and of the appeal period (pure: dates in, dates out).

- Delivery by post: on the fourth day after it was posted (§ 41 Abs. 2 VwVfG; the setting
  NOTICE_DELIVERY_DAYS).
- Delivery by retrieval in the portal: on the day after the retrieval (§ 41 Abs. 2a VwVfG);
  without retrieval within NOTICE_PROVISION_DAYS after the notification the provision ends and
  the notice is not delivered.
- The appeal period (one month, § 74 VwGO) ends with the day of the next month that has the
  number of the day of delivery, or with that month's last day if it has none (§ 188 Abs. 2,
  3 BGB); a Saturday, Sunday or public holiday in NRW moves the end to the next working day
  (§ 57 Abs. 2 VwGO, § 222 Abs. 2 ZPO). Finality starts on the day after.

Public holidays come from the maintained `holidays` calendar, subdivision NW.
"""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta
from django.conf import settings

ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=32)
def _public_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("DE", subdiv="NW", years=year))


def is_working_day(day: date) -> bool:
    """Neither a Saturday, a Sunday nor a public holiday in NRW."""
    return day.weekday() < 5 and day not in _public_holidays(day.year)


def working_day_on_or_after(day: date) -> date:
    """`day` itself if it is a working day, otherwise the next working day."""
    while not is_working_day(day):
        day += ONE_DAY
    return day


def appeal_period_end(delivered_on: date) -> date:
    """The last day of the appeal period of a notice delivered on `delivered_on`.

    relativedelta keeps the day's number and falls back to the month's last day
    (31 January → 28 or 29 February), as § 188 Abs. 2 and 3 BGB do.
    """
    end = delivered_on + relativedelta(months=settings.APPEAL_PERIOD_MONTHS)
    return working_day_on_or_after(end)


def final_from(delivered_on: date) -> date:
    """The first day on which the notice is final when nobody appealed."""
    return appeal_period_end(delivered_on) + ONE_DAY


def post_delivery_date(sent_on: date) -> date:
    """A notice posted on `sent_on` counts as delivered this day (§ 41 Abs. 2 VwVfG)."""
    return sent_on + timedelta(days=settings.NOTICE_DELIVERY_DAYS)


def retrieval_delivery_date(retrieved_on: date) -> date:
    """A notice retrieved in the portal on `retrieved_on` counts as delivered the next day."""
    return retrieved_on + ONE_DAY


def provision_last_day(notified_on: date) -> date:
    """The last day on which a notice provided in the portal can be retrieved: the
    notification's day plus NOTICE_PROVISION_DAYS; after it the provision has ended."""
    return notified_on + timedelta(days=settings.NOTICE_PROVISION_DAYS)
