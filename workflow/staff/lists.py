"""Filtered staff lists of payment requests, grants and reports; each exports exactly what it
shows (through the export of the same name, in the background when it is large)."""

from django.shortcuts import render
from django.views import View

from core.paging import KeysFirstPaginator, with_links
from workflow.export_kinds import EXPORTS
from workflow.staff.exports import export_response

PAGE_SIZE = 50


class FilteredListView(View):
    """A django-filter list with pagination and an XLSX/CSV export of the filtered rows."""

    export_name = ""
    template_name = None
    page_size = PAGE_SIZE

    def get(self, request):
        params = request.GET.copy()
        params.pop("page", None)
        file_format = params.pop("format", [None])[-1]
        if file_format:
            return export_response(request, self.export_name, params, file_format)
        kind = EXPORTS[self.export_name]
        filterset = kind.filterset(params)
        paginator = KeysFirstPaginator(filterset.qs, self.page_size, rows=filterset.queryset)
        page = with_links(request, paginator.get_page(request.GET.get("page")))
        context = {
            "filter": filterset,
            "page": page,
            "query": params.urlencode(),
            "title": kind.title,
        }
        return render(request, self.template_name, context)


class PaymentListView(FilteredListView):
    export_name = "payments"
    template_name = "workflow/staff/payment_list.html"


class ReportListView(FilteredListView):
    export_name = "reports"
    template_name = "workflow/staff/report_list.html"


class GrantListView(FilteredListView):
    export_name = "grants"
    template_name = "workflow/staff/grant_list.html"
