"""Portal actions that move a case: submit (or resubmit after a revision) and withdraw."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from applicants.portal import PortalMixin
from budgeting.balances import grant_balances
from budgeting.models import RefundClaim
from budgeting.selectors import payment_requests_of
from budgeting.services.payout import payment_request_refusal
from budgeting.services.refund import claim_standing
from core.money import ZERO
from grants.selectors import application_for_member
from grants.services.errors import ReportRejected, SubmissionRejected
from grants.services.finality import appeal_period_end
from grants.views.portal_application import ApplicationDetailView, ApplicationEditView
from grants.views.portal_report import ReportEditView
from workflow.application.case import case_submit, case_withdraw
from workflow.forms import add_form_errors
from workflow.grant import grant_make_final_by_waiver
from workflow.payout.case import payout_request
from workflow.payout.forms import PaymentRequestForm
from workflow.report.case import report_case_submit


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


class ApplicationOverviewView(ApplicationDetailView):
    """The application detail page plus finality, payment requests and the grant's balances."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application = context["application"]
        if application.reference:
            today = timezone.localdate()
            context.update(
                balances=grant_balances(application),
                payment_requests=payment_requests_of(application),
                appeal_period_end=appeal_period_end(application),
                refund_claims=[
                    (claim, claim_standing(claim, today))
                    for claim in application.refund_claims.order_by("created_at")
                ],
            )
        return context


class WaiverView(PortalMixin, View):
    """Rechtsbehelfsverzicht: one click, after confirming the text."""

    def post(self, request, pk):
        application = application_for_member(request.user, pk)
        if not request.POST.get("confirm"):
            messages.error(request, _("Bitte bestätigen Sie den Rechtsbehelfsverzicht."))
        else:
            grant_make_final_by_waiver(application=application, user=request.user)
            messages.success(
                request, _("Der Bescheid ist bestandskräftig. Sie können jetzt Mittel abrufen.")
            )
        return redirect("portal:application_detail", pk=application.pk)


class PaymentRequestView(PortalMixin, View):
    """Mittelabruf: the balances and the form."""

    template_name = "workflow/portal/payment_request.html"

    def get(self, request, pk):
        application = application_for_member(request.user, pk)
        return self.render(application, PaymentRequestForm())

    def post(self, request, pk):
        application = application_for_member(request.user, pk)
        form = PaymentRequestForm(request.POST)
        if form.is_valid():
            try:
                payout_request(application=application, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                if "confirm_duplicate" in getattr(error, "error_dict", {}):
                    form = PaymentRequestForm(request.POST, ask_duplicate=True)
                    form.is_valid()
                add_form_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Ihr Mittelabruf ist eingegangen. Wir prüfen ihn und zahlen dann aus."),
                )
                return redirect("portal:application_detail", pk=application.pk)
        return self.render(application, form, status=400)

    def render(self, application, form, status=200):
        refusal = payment_request_refusal(application, ZERO, today=timezone.localdate())
        context = {
            "application": application,
            "form": form,
            "balances": grant_balances(application),
            "refusal": refusal,
        }
        return render(self.request, self.template_name, context, status=status)


class ReportSubmitView(ReportEditView):
    """Save the report form, then submit it; broken rules come back next to their fields."""

    def get(self, request, pk):
        return redirect("portal:report_edit", pk=pk)

    def after_save(self, report, form):
        try:
            report = report_case_submit(report=report, user=self.request.user)
        except ReportRejected as rejection:
            return self.render_rejected(report, form, rejection.errors)
        messages.success(
            self.request, _("Ihr %(kind)s ist eingereicht.") % {"kind": report.get_kind_display()}
        )
        return redirect("portal:report_detail", pk=report.pk)


class RefundNoticeDownloadView(PortalMixin, View):
    """The refund notice: only members of the organisation."""

    def get(self, request, pk):
        claim = get_object_or_404(
            RefundClaim.objects.select_related("application").filter(
                application__organisation__memberships__user=request.user
            ),
            pk=pk,
        )
        return FileResponse(
            claim.notice_file.open("rb"),
            filename=f"Rueckforderungsbescheid-{claim.application.reference}.pdf",
            content_type="application/pdf",
        )
