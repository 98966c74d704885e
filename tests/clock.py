"""A fixed clock for tests of dates (no freezing library in the project).

`set_clock`: Django's timezone.now, and with it timezone.localdate and auto_now fields, answer
a chosen moment. `freeze_today`: only timezone.localdate() (called without a value) answers a
chosen day, for tests whose setup needs real moments (a submission's timestamps) while the
rules under test read "today"."""

import datetime

from django.utils import timezone

_real_localdate = timezone.localdate


def set_clock(monkeypatch, day: datetime.date, hour: int = 10) -> datetime.datetime:
    """From now on it is `day` at `hour` o'clock local time."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


def freeze_today(monkeypatch, day: datetime.date) -> None:
    """From now on in this test, today is `day` (call again to move on)."""

    def localdate(value=None, timezone=None):
        if value is None:
            return day
        return _real_localdate(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
