"""Änderungsantrag in the portal: the current period and amount, and the form."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from applicants.portal import PortalMixin
from budgeting.balances import grant_balances
from grants.selectors import application_for_member
from grants.services.change import change_request_refusal
from workflow.change.case import change_submit
from workflow.change.forms import ChangeRequestForm
from workflow.forms import add_form_errors


class ChangeRequestView(PortalMixin, View):
    """Members of the organisation only; anyone else gets 404."""

    template_name = "workflow/portal/change_request.html"

    def get(self, request, pk):
        application = application_for_member(request.user, pk)
        return self.render(application, ChangeRequestForm())

    def post(self, request, pk):
        application = application_for_member(request.user, pk)
        form = ChangeRequestForm(request.POST)
        if form.is_valid():
            try:
                change_submit(application=application, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Ihr Änderungsantrag ist eingegangen. Wir prüfen ihn und teilen Ihnen "
                        "die Entscheidung mit."
                    ),
                )
                return redirect("portal:application_detail", pk=application.pk)
        return self.render(application, form, status=400)

    def render(self, application, form, status=200):
        context = {
            "application": application,
            "form": form,
            "balances": grant_balances(application),
            "refusal": change_request_refusal(application),
            "change_requests": application.change_requests.order_by("-requested_at", "-pk"),
        }
        return render(self.request, self.template_name, context, status=status)
