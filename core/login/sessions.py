"""How long a login lasts without activity.

- The cookie ends with the browser, for everyone (SESSION_EXPIRE_AT_BROWSER_CLOSE).
- Applicants: 2 hours without a request (SESSION_COOKIE_AGE). The database forgets the session
  then; writing a long application text keeps it, because every request renews it.
- Staff (the admin flag, and everyone in /staff/ or /admin/): 30 minutes
  (STAFF_SESSION_IDLE_SECONDS); they see every organisation's data.
- The expiry is renewed at most once every SESSION_RENEW_SECONDS instead of on every request
  (no SESSION_SAVE_EVERY_REQUEST), so inactivity is measured from the last save
  (core.login.session_store) and is exact to that minute.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.translation import ngettext


def session_idle_seconds(request) -> float | None:
    """Seconds since the logged-in session was last saved; None without a login."""
    session = request.session
    if session.session_key is None or SESSION_KEY not in session:
        return None
    saved = session.last_saved()
    return None if saved is None else (timezone.now() - saved).total_seconds()


def session_idle_limit(request, *, staff_area: bool) -> int:
    strict = staff_area or request.user.is_staff
    return settings.STAFF_SESSION_IDLE_SECONDS if strict else settings.SESSION_COOKIE_AGE


def session_renew(request, *, staff_area: bool):
    """End a login that was idle too long (the answer is the redirect to the login page);
    otherwise renew the session's expiry when it is older than a minute (None)."""
    idle = session_idle_seconds(request)
    if idle is None:
        return None
    limit = session_idle_limit(request, staff_area=staff_area)
    if idle > limit:
        logout(request)
        minutes = limit // 60
        messages.info(
            request,
            ngettext(
                "Sie waren %(minutes)d Minute nicht aktiv und wurden zu Ihrem Schutz abgemeldet.",
                "Sie waren %(minutes)d Minuten nicht aktiv und wurden zu Ihrem Schutz abgemeldet.",
                minutes,
            )
            % {"minutes": minutes},
        )
        return redirect_to_login(request.get_full_path())
    if idle > settings.SESSION_RENEW_SECONDS:
        request.session.modified = True
    return None
