"""The organisation page's consent to the delivery of notices in the portal (POST only)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from applicants.portal import PortalMixin
from applicants.services_delivery import organisation_delivery_consent_set
from core.errors import NotAllowed


class DeliveryConsentView(PortalMixin, View):
    """Give the consent (the box must be ticked) or withdraw it."""

    def post(self, request):
        give = request.POST.get("action") == "give"
        if give and not request.POST.get("consent"):
            messages.error(request, _("Bitte bestätigen Sie die Einwilligung mit dem Häkchen."))
            return redirect("portal:organisation")
        try:
            organisation_delivery_consent_set(
                organisation=self.organisation, user=request.user, consent=give
            )
        except NotAllowed as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                _("Neue Bescheide stellen wir Ihnen zum Abruf im Portal bereit.")
                if give
                else _("Neue Bescheide schicken wir Ihnen per Post."),
            )
        return redirect("portal:organisation")
