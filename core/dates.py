"""The days a date that reaches money may name: one definition for every model and form.

A payout day, a repayment, the start of refund interest, project and report dates, receipts,
a Basiszinssatz, a budget year: each is bounded to EARLIEST_DAY .. LATEST_DAY, so that no
stored value can make a page fail. Without the bound 1900-01-01 as a payout day started refund
interest "vom 01.01.1900" (no Basiszinssatz exists for it, and the case pages answered 500),
and 9999-12-31 overflowed the first date arithmetic (+ 2 months for the call-off period).

Why 2000-01-01 .. 2099-12-31, and not settings: the bounds are a guard against nonsense, not a
business rule (the business windows – the payout day around the release, receipts within the
project period, the call-off period – are checked by their own rules, inside these bounds).
2000 is before any grant this municipal system can hold (the euro as money of account since
1999; the Basiszinssatz of § 247 BGB since 2002); 2099 leaves every computation on a date
(+ months, + years for retention, the delivery and appeal deadlines) far inside Python's and
the databases' range, and every year has four digits in notices, SEPA files and sheets. A
budget year (an integer) has the same bounds. The model fields name the validator functions,
not the values, so the migrations do not change should the bounds ever be moved.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

EARLIEST_DAY = datetime.date(2000, 1, 1)
LATEST_DAY = datetime.date(2099, 12, 31)


def day_in_bounds(day: datetime.date) -> bool:
    """Whether a day lies within the bounds (a datetime counts by its date)."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    return EARLIEST_DAY <= day <= LATEST_DAY


def validate_day(day: datetime.date) -> None:
    """Field validator: refuse a day outside EARLIEST_DAY .. LATEST_DAY."""
    if day is not None and not day_in_bounds(day):
        raise ValidationError(
            _("Bitte geben Sie ein Datum zwischen dem %(earliest)s und dem %(latest)s an."),
            code="date_out_of_bounds",
            params={
                "earliest": EARLIEST_DAY.strftime("%d.%m.%Y"),
                "latest": LATEST_DAY.strftime("%d.%m.%Y"),
            },
        )


def validate_year(year: int) -> None:
    """Field validator for a budget year: the years of the bounds."""
    if year is not None and not EARLIEST_DAY.year <= year <= LATEST_DAY.year:
        raise ValidationError(
            _("Bitte geben Sie ein Jahr zwischen %(earliest)s und %(latest)s an."),
            code="year_out_of_bounds",
            params={"earliest": EARLIEST_DAY.year, "latest": LATEST_DAY.year},
        )
