"""Public pages, no login: the list of published grants and its open-data downloads.

The downloads honour the page's filters (a list that was filtered exports exactly what the
filter shows, ARCHITECTURE.md); without filters they hold every published grant."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views import View

from budgeting.opendata.flatten import csv_text
from budgeting.opendata.giving360 import package
from budgeting.opendata.jsonout import dumps
from budgeting.opendata.selectors import published_grant_filter, published_totals
from core.paging import with_links

PAGE_SIZE = 25
FILE_NAME = "360giving-{prefix}.{extension}"


def filter_params(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params


class TransparencyView(View):
    def get(self, request):
        params = filter_params(request)
        filterset = published_grant_filter(params)
        grants = filterset.qs
        context = {
            "filter": filterset,
            "page": with_links(
                request, Paginator(grants, PAGE_SIZE).get_page(request.GET.get("page"))
            ),
            "totals": published_totals(grants),
            "query": params.urlencode(),
            "open_data": settings.OPEN_DATA,
        }
        return render(request, "budgeting/transparency/index.html", context)


def _download(request, extension: str, content_type: str, write) -> HttpResponse:
    data = package(published_grant_filter(filter_params(request)).qs)
    if not data["grants"]:
        raise Http404(_("Für diese Auswahl sind keine Förderungen veröffentlicht."))
    response = HttpResponse(write(data), content_type=content_type)
    name = FILE_NAME.format(prefix=settings.OPEN_DATA["prefix"], extension=extension)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    # Open data: tools in other sites' browsers may read it too.
    response["Access-Control-Allow-Origin"] = "*"
    return response


def open_data_json(request):
    return _download(request, "json", "application/json; charset=utf-8", dumps)


def open_data_csv(request):
    return _download(
        request, "csv", "text/csv; charset=utf-8", lambda data: csv_text(data["grants"])
    )
