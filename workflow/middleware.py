"""The gate of the staff area (/staff/ and /admin/) and of every session's lifetime.

- Every request first ends a login that was idle too long (core.login.sessions: 30 minutes
  for staff and in the staff area, 2 hours for applicants) or renews it.
- /staff/: logged in, in a staff role (applicants get 403), both factors given.
- /admin/: logged in (through our login page, never the admin's own form), and staff must have
  given both factors; Django's admin then checks its own rights as before.
A staff session without the second factor is sent to the code page (core.login), which leads
to the set-up when there is no device yet.
"""

from urllib.parse import urlencode

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from core.login.policy import second_factor_mandatory
from core.login.sessions import session_renew
from core.roles import STAFF_ROLES

STAFF_PREFIX = "/staff/"
ADMIN_PREFIX = "/admin/"


def second_factor_step(request):
    query = urlencode({"next": request.get_full_path()})
    return redirect(f"{reverse('otp_verify')}?{query}")


def staff_gate(request):
    """Why a request may not enter /staff/ (a response or an exception), or None."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.groups.filter(name__in=STAFF_ROLES).exists():
        raise PermissionDenied(_("Dieser Bereich ist nur für Mitarbeitende der Stadt."))
    if not user.is_verified():
        return second_factor_step(request)
    return None


def admin_gate(request):
    """Why a request may not enter /admin/ yet, or None."""
    user = request.user
    if not user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not user.is_verified() and second_factor_mandatory(user):
        return second_factor_step(request)
    return None


class StaffAreaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        staff_area = path.startswith((STAFF_PREFIX, ADMIN_PREFIX))
        ended = session_renew(request, staff_area=staff_area)
        if ended is not None:
            return ended
        if path.startswith(STAFF_PREFIX):
            refusal = staff_gate(request)
        elif path.startswith(ADMIN_PREFIX):
            refusal = admin_gate(request)
        else:
            refusal = None
        return refusal or self.get_response(request)
