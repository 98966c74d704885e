"""The check of a report, beside the figures and (for the final report) the settlement."""

from functools import cached_property

from budgeting.services.settlement import settlement_preview
from grants.models import ReportKind
from grants.reports.rules import report_totals
from grants.reports.selectors import report_plan_rows
from grants.selectors_indicators import report_indicator_rows
from grants.services.change import lines_over_tolerance
from workflow.forms_report import ReportCheckIndicatorsForm
from workflow.selectors import report_for_staff
from workflow.services.report import task_report_check
from workflow.views.tasks import CaseTaskView


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
        )
        if report.kind == ReportKind.FINAL:
            context["settlement"] = settlement_preview(self.application, totals)
        return context

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actuals": self.report.indicator_actuals.all()}

    def complete(self, form):
        task_report_check(
            activation=self.request.activation,
            user=self.request.user,
            accepted=form.cleaned_data["result"] == "accepted",
            message=form.cleaned_data["message"],
            confirmed=form.confirmed(),
        )
