from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from applicants.forms import PersonForm
from applicants.models import Invitation
from applicants.portal import activate_organisation
from applicants.services import invitation_accept, invitation_register
from applicants.views.registration import person_data
from core.errors import NotAllowed


class InvitationAcceptView(View):
    """Join an organisation through the link in the invitation mail."""

    template_name = "applicants/invitation.html"

    def get_invitation(self, token):
        return get_object_or_404(
            Invitation.objects.select_related("organisation").valid(), token=token
        )

    def context(self, invitation, form):
        login_url = f"{reverse('login')}?next={quote(self.request.path)}"
        return {"invitation": invitation, "form": form, "login_url": login_url}

    def get(self, request, token):
        invitation = self.get_invitation(token)
        form = None if request.user.is_authenticated else PersonForm(fixed_email=invitation.email)
        return render(request, self.template_name, self.context(invitation, form))

    def post(self, request, token):
        invitation = self.get_invitation(token)
        if request.user.is_authenticated:
            try:
                membership = invitation_accept(invitation=invitation, user=request.user)
            except NotAllowed as refusal:
                messages.error(request, str(refusal))
                return redirect("portal:invitation_accept", token=token)
        else:
            form = PersonForm(request.POST, fixed_email=invitation.email)
            if not form.is_valid():
                context = self.context(invitation, form)
                return render(request, self.template_name, context, status=400)
            membership = invitation_register(
                invitation=invitation, person=person_data(form, email=invitation.email)
            )
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        activate_organisation(request, membership.organisation)
        messages.success(
            request,
            _("Sie gehören jetzt zu „%(name)s“.") % {"name": membership.organisation.name},
        )
        return redirect("portal:home")
