from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from applicants.portal import PortalMixin
from core.languages import NOTICE_LANGUAGE
from grants.forms import (
    ApplicationForm,
    AttachmentForm,
    CostLineFormSet,
    FinancingLineFormSet,
)
from grants.forms_indicators import IndicatorsSection
from grants.notices.cover import notice_covers
from grants.permissions import can_edit_application
from grants.rules import ATTACHMENTS, CALL, COSTS, INDICATORS, PLAN, submission_errors
from grants.selectors import application_for_member
from grants.services.application import PlanLine, application_save_draft
from grants.services.errors import NotAllowed

SECTIONS = (COSTS, PLAN, ATTACHMENTS, CALL, INDICATORS)


class ApplicationDetailView(PortalMixin, TemplateView):
    """One application as the applicant sees it, with what is still missing."""

    template_name = "grants/portal/application_detail.html"

    def get_context_data(self, **kwargs):
        application = application_for_member(self.request.user, self.kwargs["pk"])
        editable = can_edit_application(self.request.user, application)
        missing = submission_errors(application, today=timezone.localdate()) if editable else {}
        return super().get_context_data(
            application=application,
            editable=editable,
            missing=[message for messages_ in missing.values() for message in messages_],
            attachment_form=AttachmentForm(programme=application.programme) if editable else None,
            notice_covers=notice_covers(application),
            notice_language=NOTICE_LANGUAGE,
            **kwargs,
        )


class ApplicationEditView(PortalMixin, View):
    """Edit the draft (or the application under revision) and save it as it is."""

    template_name = "grants/portal/application_edit.html"

    def get_application(self):
        application = application_for_member(self.request.user, self.kwargs["pk"])
        if not can_edit_application(self.request.user, application):
            raise NotAllowed(_("Ein eingereichter Antrag kann nicht mehr bearbeitet werden."))
        return application

    def get(self, request, pk):
        application = self.get_application()
        return self.render(application, *self.unbound_forms(application))

    def post(self, request, pk):
        application = self.get_application()
        form = ApplicationForm(request.POST, instance=application)
        costs = CostLineFormSet(request.POST, prefix="costs")
        funds = FinancingLineFormSet(request.POST, prefix="funds")
        indicators = IndicatorsSection(request.POST, application=application)
        forms_ = (form, costs, funds, indicators)
        if not all([f.is_valid() for f in forms_]):
            messages.error(request, _("Bitte korrigieren Sie die markierten Angaben."))
            return self.render(application, form, costs, funds, indicators, status=400)
        try:
            application = application_save_draft(
                application=application,
                user=request.user,
                data=form.cleaned_data,
                districts=form.cleaned_data["districts"],
                cost_lines=plan_lines(costs, kind="category"),
                financing_lines=plan_lines(funds, kind="kind"),
                indicators=indicators.choices(),
            )
        except ValidationError as refusal:
            messages.error(request, _("Bitte korrigieren Sie die markierten Angaben."))
            errors = refusal.message_dict if hasattr(refusal, "error_dict") else {}
            sections = {key: errors.get(key, []) for key in SECTIONS}
            return self.render(
                application, form, costs, funds, indicators, sections=sections, status=400
            )
        return self.after_save(application, form)

    def after_save(self, application, form):
        """Saving a draft ends here; the submit view (workflow) continues instead."""
        messages.success(self.request, _("Der Entwurf ist gespeichert."))
        return redirect("portal:application_edit", pk=application.pk)

    def unbound_forms(self, application):
        form = ApplicationForm(instance=application)
        costs = CostLineFormSet(
            prefix="costs",
            initial=[
                {"category": line.category, "description": line.description, "amount": line.amount}
                for line in application.cost_lines.all()
            ],
        )
        funds = FinancingLineFormSet(
            prefix="funds",
            initial=[
                {
                    "kind": line.kind,
                    "source_name": line.source_name,
                    "description": line.description,
                    "amount": line.amount,
                }
                for line in application.financing_lines.all()
            ],
        )
        return form, costs, funds

    def render_rejected(self, application, form, errors):
        """Show every broken rule next to its field; the draft itself is saved."""
        application = application_for_member(self.request.user, application.pk)
        _unbound, costs, funds = self.unbound_forms(application)
        for field, field_errors in errors.items():
            if field in form.fields:
                for error in field_errors:
                    form.add_error(field, error)
        sections = {key: errors.get(key, []) for key in SECTIONS}
        messages.error(
            self.request,
            _("Der Antrag kann noch nicht eingereicht werden. Bitte beachten Sie die Hinweise."),
        )
        return self.render(application, form, costs, funds, sections=sections, status=400)

    def render(self, application, form, costs, funds, indicators=None, sections=None, status=200):
        context = {
            "application": application,
            "form": form,
            "costs": costs,
            "funds": funds,
            "indicators": indicators or IndicatorsSection(application=application),
            "sections": sections or {},
            "attachment_form": AttachmentForm(programme=application.programme),
        }
        return render(self.request, self.template_name, context, status=status)


def plan_lines(formset, *, kind: str) -> list[PlanLine]:
    """The filled-in, not deleted rows of a plan formset."""
    lines = []
    for row in formset.cleaned_data:
        if not row or row.get("DELETE"):
            continue
        lines.append(
            PlanLine(
                kind=row[kind],
                description=row.get("description", ""),
                amount=row["amount"],
                source_name=row.get("source_name", ""),
            )
        )
    return lines
