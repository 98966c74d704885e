"""A fixed clock for tests of dates (no freezing library in the project): Django's
timezone.now, and with it timezone.localdate and auto_now fields, answer a chosen day."""

from datetime import date, datetime, time

from django.utils import timezone


def set_clock(monkeypatch, day: date, hour: int = 10) -> datetime:
    """From now on it is `day` at `hour` o'clock local time."""
    moment = timezone.make_aware(datetime.combine(day, time(hour)))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment
