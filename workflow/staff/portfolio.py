"""Wirkung: the department's portfolio of grants (money, organisations, indicators) for every
staff role, and its export to Excel; the figures come from budgeting.portfolio."""

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.views import View

from budgeting.portfolio.charts import indicator_chart_svg, money_chart_svg
from budgeting.portfolio.export import portfolio_xlsx
from budgeting.portfolio.figures import suppression_note
from budgeting.portfolio.indicators import own_indicators_note
from budgeting.portfolio.selectors import portfolio
from workflow.export_kinds import FORMATS


class PortfolioView(View):
    """Staff only (StaffAreaMiddleware); ?format=xlsx gives exactly the filtered figures."""

    def get(self, request):
        params = request.GET.copy()
        file_format = params.pop("format", [None])[-1]
        data = portfolio(params)
        if file_format is not None:
            if file_format != "xlsx":
                raise Http404
            response = HttpResponse(portfolio_xlsx(data), content_type=FORMATS["xlsx"])
            response["Content-Disposition"] = 'attachment; filename="wirkung.xlsx"'
            return response
        context = {
            "data": data,
            "filter": data.filter,
            "query": params.urlencode(),
            "theme_chart": money_chart_svg(data.by_theme),
            "district_chart": money_chart_svg(data.by_district),
            "indicator_chart": indicator_chart_svg(data.indicators.rows),
            "suppression_note": suppression_note(data.min_cell),
            "own_note": own_indicators_note(data.indicators)
            if data.indicators.own_indicators
            else "",
        }
        return render(request, "workflow/staff/portfolio.html", context)
