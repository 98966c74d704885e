"""The applicant's reports in the portal: read, edit as a draft, import the Belegliste."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import TemplateView

from applicants.portal import PortalMixin
from grants.reports.forms import (
    ActualsForm,
    ReceiptFormSet,
    ReceiptsImportForm,
    ReportForm,
    actuals_initial,
    receipt_rows,
    receipts_form_limit,
    receipts_initial,
)
from grants.reports.forms_indicators import IndicatorActualsForm
from grants.reports.permissions import can_edit_report, report_edit_refusal
from grants.reports.receipts_import import parse_receipts
from grants.reports.rules import (
    SECTIONS,
    asks_for_receipts,
    report_submission_errors,
    report_totals,
)
from grants.reports.selectors import report_for_member, report_plan_rows
from grants.reports.units import units_errors
from grants.selectors_indicators import report_indicator_rows
from grants.services.errors import NotAllowed
from grants.services.report import report_receipts_replace, report_save_draft


class ReportDetailView(PortalMixin, TemplateView):
    """One report as the applicant sees it: planned against actual, receipts, what is missing."""

    template_name = "grants/portal/report_detail.html"

    def get_context_data(self, **kwargs):
        report = report_for_member(self.request.user, self.kwargs["pk"])
        editable = can_edit_report(self.request.user, report)
        missing = report_submission_errors(report) | units_errors(report) if editable else {}
        cost_rows, income_rows = report_plan_rows(report)
        return super().get_context_data(
            report=report,
            application=report.application,
            editable=editable,
            missing=[message for messages_ in missing.values() for message in messages_],
            totals=report_totals(report),
            cost_rows=cost_rows,
            income_rows=income_rows,
            indicator_rows=report_indicator_rows(report),
            needs_receipts=asks_for_receipts(report),
            **kwargs,
        )


class ReportEditView(PortalMixin, View):
    """Edit the report in progress (or under revision) and save it as it is."""

    template_name = "grants/portal/report_edit.html"

    def get_report(self):
        report = report_for_member(self.request.user, self.kwargs["pk"])
        refusal = report_edit_refusal(self.request.user, report)
        if refusal:
            raise NotAllowed(refusal)
        return report

    def get(self, request, pk):
        report = self.get_report()
        return self.render(report, *self.unbound_forms(report))

    def post(self, request, pk):
        report = self.get_report()
        forms = self.bound_forms(report)
        form, costs, income, receipts, indicators = forms
        if not all(f.is_valid() for f in forms if f is not None):
            messages.error(request, _("Bitte korrigieren Sie die markierten Angaben."))
            return self.render(report, *forms, status=400)
        try:
            report = report_save_draft(
                report=report,
                user=request.user,
                data=form.cleaned_data,
                cost_actuals=costs.amounts(),
                income_actuals=income.amounts(),
                receipts=None if receipts is None else receipt_rows(receipts),
                cost_comments=costs.comments(),
                income_comments=income.comments(),
                indicator_values=indicators.values(),
            )
        except ValidationError as refusal:
            messages.error(request, _("Bitte korrigieren Sie die markierten Angaben."))
            errors = refusal.message_dict if hasattr(refusal, "error_dict") else {}
            for field, field_errors in errors.items():
                for error in field_errors if field in form.fields else ():
                    form.add_error(field, error)
            sections = {key: errors.get(key, []) for key in SECTIONS}
            return self.render(report, *forms, sections=sections, status=400)
        return self.after_save(report, form)

    def after_save(self, report, form):
        """Saving a draft ends here; the submit view (workflow) continues instead."""
        messages.success(self.request, _("Der Nachweis ist gespeichert."))
        return redirect("portal:report_edit", pk=report.pk)

    def bound_forms(self, report):
        data, application = self.request.POST, report.application
        return (
            ReportForm(data, instance=report),
            ActualsForm(data, prefix="costs", lines=application.cost_lines.all()),
            ActualsForm(data, prefix="income", lines=application.financing_lines.all()),
            receipts_formset(report, data),
            indicators_form(report, data),
        )

    def unbound_forms(self, report):
        application = report.application
        return (
            ReportForm(instance=report),
            ActualsForm(
                prefix="costs",
                lines=application.cost_lines.all(),
                initial=actuals_initial(report.cost_actuals.all()),
            ),
            ActualsForm(
                prefix="income",
                lines=application.financing_lines.all(),
                initial=actuals_initial(report.income_actuals.all()),
            ),
            receipts_formset(report),
            indicators_form(report),
        )

    def render_rejected(self, report, form, errors):
        """Show every broken rule next to its field or section; the draft itself is saved."""
        report = report_for_member(self.request.user, report.pk)
        _unbound, costs, income, receipts, indicators = self.unbound_forms(report)
        for field, field_errors in errors.items():
            if field in form.fields:
                for error in field_errors:
                    form.add_error(field, error)
        sections = {key: errors.get(key, []) for key in SECTIONS}
        messages.error(
            self.request,
            _("Der Nachweis kann noch nicht eingereicht werden. Bitte beachten Sie die Hinweise."),
        )
        return self.render(
            report, form, costs, income, receipts, indicators, sections=sections, status=400
        )

    def render(
        self,
        report,
        form,
        costs,
        income,
        receipts,
        indicators,
        sections=None,
        import_form=None,
        status=200,
    ):
        context = {
            "report": report,
            "application": report.application,
            "form": form,
            "costs": costs,
            "income": income,
            "receipts": receipts,
            "indicators": indicators,
            "sections": sections or {},
            "totals": report_totals(report),
            "needs_receipts": asks_for_receipts(report),
            "import_form": import_form or ReceiptsImportForm(),
        }
        return render(self.request, self.template_name, context, status=status)


class ReceiptsImportView(ReportEditView):
    """Replace the Belegliste by the rows of an uploaded file (POST only); all rows or none."""

    http_method_names = ["post"]

    def post(self, request, pk):
        report = self.get_report()
        import_form = ReceiptsImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            try:
                rows = parse_receipts(import_form.cleaned_data["file"])
                report_receipts_replace(report=report, user=request.user, receipts=rows)
            except ValidationError as refusal:
                for problem in refusal.messages:
                    import_form.add_error("file", problem)
            else:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s Beleg ist eingelesen.",
                        "%(count)s Belege sind eingelesen.",
                        len(rows),
                    )
                    % {"count": len(rows)},
                )
                return redirect("portal:report_edit", pk=report.pk)
        messages.error(
            request,
            _(
                "Die Datei wurde nicht übernommen; die bisherige Belegliste bleibt unverändert. "
                "Was nicht stimmt, steht unten beim Datei-Import."
            ),
        )
        forms = self.unbound_forms(report)
        return self.render(report, *forms, import_form=import_form, status=400)


def receipts_formset(report, data=None):
    """The Belegliste as a formset, or None when it is too long for a form (import instead) or
    the report has none (a simplified report not drawn for the full check)."""
    if not asks_for_receipts(report):
        return None
    saved = report.receipts.all()
    if len(saved) > receipts_form_limit():
        return None
    return ReceiptFormSet(
        data,
        prefix="receipts",
        initial=None if data is not None else receipts_initial(saved),
        form_kwargs={"cost_line_choices": cost_choices(report)},
    )


def cost_choices(report) -> list[tuple[int, str]]:
    return [(line.pk, str(line)) for line in report.application.cost_lines.all()]


def indicators_form(report, data=None) -> IndicatorActualsForm:
    return IndicatorActualsForm(
        data,
        indicators=report.application.indicators.all(),
        actuals=report.indicator_actuals.all(),
    )
