"""Finanzen: the dashboard of budget lines per year and source, and the budget sheet."""

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from budgeting.charts import usage_chart_svg
from budgeting.exports.budget_sheet import budget_sheet_xlsx
from budgeting.filters import default_year
from budgeting.selectors import finance_dashboard
from core.errors import NotAllowed
from core.roles import FINANCE, has_role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
        return render(request, "workflow/staff/finance_dashboard.html", context)


class BudgetSheetView(FinanceOnlyMixin, View):
    def get(self, request):
        try:
            year = int(request.GET.get("year", default_year()))
        except ValueError:
            year = default_year()
        response = HttpResponse(budget_sheet_xlsx(year), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="haushalt-{year}.xlsx"'
        return response
