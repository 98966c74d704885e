"""The check of a report, beside the figures, the Belegliste and (for the final report) the
settlement and the § 49a Abs. 4 interest, which the checker claims or waives on this page."""

from functools import cached_property

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.utils.translation import gettext as _

from budgeting.models import LateUseInterest
from budgeting.services.late_use import late_use_applies, late_use_preview
from budgeting.services.settlement import settlement_preview
from grants.models import ReportKind
from grants.reports.rules import asks_for_receipts, report_totals
from grants.reports.selectors import receipts_for_check, report_plan_rows
from grants.sampling import sample_draw_of
from grants.selectors_indicators import report_indicator_rows
from grants.services.change import lines_over_tolerance
from workflow.report.forms import LateUseWaiveForm, ReportCheckIndicatorsForm
from workflow.report.services import (
    report_late_use_claim,
    report_late_use_waive,
    task_report_check,
)
from workflow.selectors import report_for_staff
from workflow.task_views import CaseTaskView

# The name of the submit button of the § 49a Abs. 4 forms; its value says which decision.
LATE_USE_ACTION = "late_use"


class ReportCheckView(CaseTaskView):
    template_name = "workflow/report_task.html"
    form_class = ReportCheckIndicatorsForm

    @cached_property
    def report(self):
        return report_for_staff(self.request.activation.process.artifact_object_id)

    @property
    def application(self):
        return self.request.activation.process.artifact.application

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = self.report
        totals = report_totals(report)
        costs, income = report_plan_rows(report)
        over = lines_over_tolerance(
            {row.line.pk: row.planned for row in costs},
            {row.line.pk: row.actual for row in costs if row.actual is not None},
        )
        context.update(
            report=report,
            totals=totals,
            cost_rows=costs,
            income_rows=income,
            lines_over_tolerance=[row.line for row in costs if row.line.pk in over],
            indicator_rows=report_indicator_rows(report),
            receipts=receipts_for_check(report, self.request.GET.get("sort", "")),
            needs_receipts=asks_for_receipts(report),
            sample_draw=sample_draw_of(report),
        )
        if report.kind == ReportKind.FINAL:
            context["settlement"] = settlement_preview(self.application, totals)
        if late_use_applies(report):
            context.update(self.late_use_context(report, kwargs.get("waive_form")))
        return context

    def late_use_context(self, report, waive_form=None) -> dict:
        decision = LateUseInterest.objects.filter(report=report).select_related(
            "decided_by", "refund_claim"
        )
        context = {"late_use_decision": decision.first(), "late_use_error": None}
        try:
            context["late_use"] = late_use_preview(report)
        except ValidationError as error:
            context["late_use"], context["late_use_error"] = None, " ".join(error.messages)
        context["waive_form"] = waive_form or LateUseWaiveForm()
        return context

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actuals": self.report.indicator_actuals.all()}

    def post(self, request, *args, **kwargs):
        action = request.POST.get(LATE_USE_ACTION)
        if action in ("claim", "waive"):
            return self.late_use_decide(action)
        return super().post(request, *args, **kwargs)

    def late_use_decide(self, action):
        """Claim or waive the § 49a Abs. 4 interest; the task itself stays open."""
        waive_form = LateUseWaiveForm(self.request.POST if action == "waive" else None)
        if action == "waive" and not waive_form.is_valid():
            return self.late_use_refused(waive_form)
        try:
            if action == "claim":
                report_late_use_claim(report=self.report, user=self.request.user)
                done = _("Die Zinsen sind geltend gemacht; der Zinsbescheid ist erstellt.")
            else:
                report_late_use_waive(
                    report=self.report,
                    user=self.request.user,
                    reason=waive_form.cleaned_data["reason"],
                )
                done = _("Der Verzicht auf die Zinsen ist festgehalten.")
        except ValidationError as error:
            return self.late_use_refused(waive_form, " ".join(error.messages))
        messages.success(self.request, done)
        return HttpResponseRedirect(self.request.get_full_path())

    def late_use_refused(self, waive_form, refusal: str = ""):
        """The page again, with the check's form unbound and why the decision was refused."""
        kwargs = {
            key: value
            for key, value in self.get_form_kwargs().items()
            if key not in ("data", "files")
        }
        context = self.get_context_data(form=self.form_class(**kwargs), waive_form=waive_form)
        context["late_use_refusal"] = refusal
        return self.render_to_response(context, status=400)

    def complete(self, form):
        task_report_check(
            activation=self.request.activation,
            user=self.request.user,
            accepted=form.cleaned_data["result"] == "accepted",
            message=form.cleaned_data["message"],
            confirmed=form.confirmed(),
        )
