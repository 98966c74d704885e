"""Login throttling with django-axes (settings in config/settings/auth.py): the address is
counted in any case of its letters, as the login accepts it; the lockout page says until when;
a new password through the reset link ends the lockout of its address."""

from axes.helpers import get_cool_off
from axes.utils import reset
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone


def login_username(request, credentials: dict | None) -> str | None:
    """The e-mail address of a login attempt, trimmed and in lower case (AXES_USERNAME_CALLABLE)."""
    field = settings.AXES_USERNAME_FORM_FIELD
    value = (credentials or {}).get(field)
    if value is None:
        value = request.POST.get(field)
    return value.strip().lower() if isinstance(value, str) else value


def lockout_response(request, original_response=None, credentials=None):
    """The German lockout page (AXES_LOCKOUT_CALLABLE), with HTTP 429."""
    cool_off = get_cool_off(request)
    context = {
        # Each try during the lockout starts the cool-off again (see the settings).
        "until": timezone.now() + cool_off,
        "minutes": int(cool_off.total_seconds() // 60),
        "failure_limit": settings.AXES_FAILURE_LIMIT,
    }
    return render(request, "registration/lockout.html", context, status=429)


def lockouts_clear(*, email: str) -> int:
    """Forget the failed logins of an address (after a new password was set by mail)."""
    return reset(username=email.strip().lower())
