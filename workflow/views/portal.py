"""Portal actions that move a case: submit (or resubmit after a revision) and withdraw."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from applicants.portal import PortalMixin
from grants.selectors import application_for_member
from grants.services.errors import SubmissionRejected
from grants.views.portal_application import ApplicationEditView
from workflow.services.case import case_submit, case_withdraw


class ApplicationSubmitView(ApplicationEditView):
    """Save the form, then submit; broken rules come back next to their fields."""

    def get(self, request, pk):
        return redirect("portal:application_edit", pk=pk)

    def after_save(self, application, form):
        try:
            application = case_submit(application=application, user=self.request.user)
        except SubmissionRejected as rejection:
            return self.render_rejected(application, form, rejection.errors)
        messages.success(
            self.request,
            _("Ihr Antrag ist eingereicht. Aktenzeichen: %(reference)s")
            % {"reference": application.reference},
        )
        return redirect("portal:application_detail", pk=application.pk)


class ApplicationWithdrawView(PortalMixin, View):
    """Withdraw the application before the decision (POST, after a confirmation)."""

    def post(self, request, pk):
        application = application_for_member(request.user, pk)
        if not request.POST.get("confirm"):
            messages.error(request, _("Bitte bestätigen Sie, dass Sie den Antrag zurückziehen."))
            return redirect("portal:application_detail", pk=application.pk)
        case_withdraw(application=application, user=request.user)
        messages.success(request, _("Ihr Antrag ist zurückgezogen."))
        return redirect("portal:application_detail", pk=application.pk)
