"""Tests that need a given "today": `timezone.localdate()` (called without a value) answers it.

freezegun is not installed; the services read today through `django.utils.timezone`, so
patching that module's function is enough (a value passed in is still converted for real)."""

import datetime

from django.utils import timezone

_real_localdate = timezone.localdate


def freeze_today(monkeypatch, day: datetime.date) -> None:
    """From now on in this test, today is `day` (call again to move on)."""

    def localdate(value=None, timezone=None):
        if value is None:
            return day
        return _real_localdate(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
