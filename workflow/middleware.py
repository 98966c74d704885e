"""The staff area is for staff roles only: log in first, and applicants get 403."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from core.roles import STAFF_ROLES

STAFF_PREFIX = "/staff/"


class StaffAreaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith(STAFF_PREFIX):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not user.groups.filter(name__in=STAFF_ROLES).exists():
                raise PermissionDenied(_("Dieser Bereich ist nur für Mitarbeitende der Stadt."))
        return self.get_response(request)
