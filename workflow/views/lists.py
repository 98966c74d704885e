"""Filtered staff lists of payment requests and reports; each exports exactly what it shows."""

import io

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from budgeting.filters import PaymentRequestFilter
from budgeting.models import PaymentRequest
from core.exports import DATE, MONEY, TEXT, Export, write_csv, write_xlsx
from grants.filters import ReportFilter
from grants.models import Report
from workflow.views.exports import FORMATS

PAGE_SIZE = 50


class FilteredListView(View):
    """A django-filter list with pagination and an XLSX/CSV export of the filtered rows."""

    filterset_class = None
    queryset = None
    template_name = None
    title = ""
    filename = ""

    def get(self, request):
        params = request.GET.copy()
        params.pop("page", None)
        file_format = params.pop("format", [None])[-1]
        filterset = self.filterset_class(params, queryset=self.get_queryset())
        if file_format:
            return self.export(filterset.qs, file_format)
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            "filter": filterset,
            "page": page,
            "query": params.urlencode(),
            "title": self.title,
        }
        return render(request, self.template_name, context)

    def export(self, rows, file_format):
        if file_format not in FORMATS:
            raise Http404
        export = Export(
            title=self.title,
            header=self.header(),
            kinds=self.kinds,
            rows=(self.row(r) for r in rows),
        )
        if file_format == "csv":
            response = HttpResponse(write_csv(export), content_type=FORMATS["csv"])
        else:
            output = io.BytesIO()
            write_xlsx(export, output)
            response = HttpResponse(output.getvalue(), content_type=FORMATS["xlsx"])
        name = f"{self.filename}-{timezone.localdate():%Y-%m-%d}.{file_format}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PaymentListView(FilteredListView):
    filterset_class = PaymentRequestFilter
    template_name = "workflow/staff/payment_list.html"
    filename = "mittelabrufe"
    kinds = [TEXT, TEXT, DATE, MONEY, TEXT, DATE]

    @property
    def title(self):
        return _("Mittelabrufe")

    def get_queryset(self):
        return PaymentRequest.objects.select_related("application__organisation").order_by(
            "-requested_at", "-pk"
        )

    def header(self):
        return [
            _("Aktenzeichen"),
            _("Organisation"),
            _("angefordert am"),
            _("Betrag"),
            _("Stand"),
            _("ausgezahlt am"),
        ]

    def row(self, request):
        return [
            request.application.reference or "",
            request.application.organisation.name,
            timezone.localdate(request.requested_at),
            request.amount,
            str(request.get_status_display()),
            request.payout_date,
        ]


class ReportListView(FilteredListView):
    filterset_class = ReportFilter
    template_name = "workflow/staff/report_list.html"
    filename = "nachweise"
    kinds = [TEXT, TEXT, TEXT, DATE, TEXT]

    @property
    def title(self):
        return _("Nachweise")

    def get_queryset(self):
        return Report.objects.select_related("application__organisation").order_by("due_on", "pk")

    def header(self):
        return [_("Aktenzeichen"), _("Organisation"), _("Art"), _("fällig am"), _("Stand")]

    def row(self, report):
        return [
            report.application.reference or "",
            report.application.organisation.name,
            str(report.get_kind_display()),
            report.due_on,
            str(report.get_status_display()),
        ]
