"""The active organisation of a portal session: a person may act for several."""

from dataclasses import dataclass

from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import render

from applicants.models import Membership, Organisation
from applicants.selectors import memberships_of

SESSION_KEY = "active_organisation_id"


@dataclass(frozen=True)
class PortalContext:
    memberships: list[Membership]
    active: Membership

    @property
    def organisation(self) -> Organisation:
        return self.active.organisation


def portal_context(request) -> PortalContext | None:
    """The user's memberships and the one they act in now (the first one by default)."""
    memberships = memberships_of(request.user)
    if not memberships:
        return None
    chosen = request.session.get(SESSION_KEY)
    active = next((m for m in memberships if m.organisation_id == chosen), memberships[0])
    return PortalContext(memberships=memberships, active=active)


def activate_organisation(request, organisation: Organisation) -> None:
    request.session[SESSION_KEY] = organisation.pk


class PortalMixin(LoginRequiredMixin):
    """Portal pages: logged in and acting for an organisation."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        request.portal = portal_context(request)
        if request.portal is None:
            return render(request, "applicants/no_organisation.html", status=403)
        return super().dispatch(request, *args, **kwargs)

    @property
    def organisation(self) -> Organisation:
        return self.request.portal.organisation
