"""Finanzen: the dashboard of budget lines per year and source, and the budget sheet."""

from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from budgeting.charts import usage_chart_svg
from budgeting.filters import default_year
from budgeting.selectors import cofunder_overview, cofunders, finance_dashboard
from budgeting.services.carry_over import carry_over_book, carry_over_preview
from budgeting.services.cofunding import cofunding_receipt_book
from core.errors import NotAllowed
from core.roles import FINANCE, has_role
from workflow.export_kinds import EXPORTS
from workflow.forms import CoFundingReceiptForm, add_form_errors
from workflow.staff.exports import export_response


class FinanceOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not has_role(request.user, FINANCE):
            raise NotAllowed(_("Diese Seite ist der Rolle „Finanzen“ vorbehalten."))
        return super().dispatch(request, *args, **kwargs)


class FinanceDashboardView(FinanceOnlyMixin, View):
    def get(self, request):
        context = finance_dashboard(request.GET)
        context["chart"] = usage_chart_svg(context["usage_by_month"])
        context["year"] = context["filter"].form.cleaned_data.get("year") or default_year()
        context["cofunders"] = cofunders()
        return render(request, "workflow/staff/finance_dashboard.html", context)


class BudgetSheetView(FinanceOnlyMixin, View):
    """The budget sheet of ?year= (and ?cofunder=), in the background when the year is large."""

    def get(self, request):
        EXPORTS["budget_sheet"].cofunder(request.GET)  # an unknown co-funder is 404 at once
        return export_response(request, "budget_sheet", request.GET, "xlsx")


class CoFunderView(FinanceOnlyMixin, View):
    """Everything one co-funder's money touched; Finanzen book money received here."""

    template_name = "workflow/staff/cofunder.html"

    def get(self, request, pk, form=None):
        source = get_object_or_404(cofunders(), pk=pk)
        context = {**cofunder_overview(source), "form": form or CoFundingReceiptForm(source)}
        return render(request, self.template_name, context, status=400 if form else 200)

    def post(self, request, pk):
        source = get_object_or_404(cofunders(), pk=pk)
        form = CoFundingReceiptForm(source, request.POST)
        if form.is_valid():
            try:
                cofunding_receipt_book(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, _("Der Geldeingang ist gebucht."))
                return redirect("finanzen:cofunder", pk=source.pk)
        return self.get(request, pk, form=form)


class CarryOverView(FinanceOnlyMixin, View):
    """Year-end carry-over: a preview, then booking after a confirmation."""

    template_name = "workflow/staff/carry_over.html"

    def year(self, request):
        try:
            return int(request.GET.get("year") or request.POST.get("year") or default_year())
        except ValueError:
            return default_year()

    def get(self, request):
        year = self.year(request)
        items = carry_over_preview(year=year)
        context = {
            "year": year,
            "next_year": year + 1,
            "items": items,
            "total": sum((i.amount for i in items), Decimal("0.00")),
        }
        return render(request, self.template_name, context)

    def post(self, request):
        year = self.year(request)
        if not request.POST.get("confirm"):
            messages.error(request, _("Bitte bestätigen Sie die Übertragung."))
        else:
            try:
                booked = carry_over_book(year=year, user=request.user)
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("%(count)s Haushaltsstellen nach %(next)s übertragen.")
                    % {"count": len(booked), "next": year + 1},
                )
        return redirect(f"{reverse('finanzen:carry_over')}?year={year}")
