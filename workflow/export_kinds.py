"""Every staff export by name: what it reads, how it is written, who may ask for it.

The same definition serves the download in the request and the background job, so a large
export holds exactly the rows a small one would."""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from budgeting.exports.budget_sheet import budget_sheet_write
from budgeting.exports.ledger_sheets import bookings_query
from budgeting.exports.lists import grants_export, payments_export
from budgeting.filters import default_year
from budgeting.selectors import cofunders, grants_for_staff, payment_requests_for_staff
from core.exports import write_export
from core.roles import FINANCE
from grants.exports import applications_export, reports_export
from grants.selectors import applications_for_staff, reports_for_staff

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@dataclass(frozen=True)
class ListExport:
    """A filtered staff list: the filterset from the query string, the export from it."""

    name: str
    title: Promise
    stem: str
    list_url: str
    filterset: Callable
    build: Callable
    role: str | None = None
    formats: tuple[str, ...] = ("xlsx", "csv")

    def rows_total(self, params: QueryDict) -> int:
        return self.filterset(params).qs.count()

    def filename(self, params: QueryDict, file_format: str) -> str:
        return f"{self.stem}-{timezone.localdate():%Y-%m-%d}.{file_format}"

    def write(self, params: QueryDict, file_format: str, stream, track=None) -> None:
        export = self.build(self.filterset(params))
        if track is not None:
            export.rows = track(export.rows)
        write_export(export, file_format, stream)


class BudgetSheetExport:
    """The budget sheet of a year (and a co-funder's sheet on request); its size is the
    bookings of the year, which are also what the progress counts."""

    name = "budget_sheet"
    title = _("Haushaltsübersicht")
    list_url = "finanzen:index"
    role = FINANCE
    formats = ("xlsx",)

    @staticmethod
    def year(params: QueryDict) -> int:
        try:
            return int(params.get("year") or default_year())
        except ValueError:
            return default_year()

    @staticmethod
    def cofunder(params: QueryDict):
        if not params.get("cofunder"):
            return None
        try:
            pk = int(params["cofunder"])
        except ValueError:
            raise Http404 from None  # ?cofunder=abc names no co-funder either
        return get_object_or_404(cofunders(), pk=pk)

    def rows_total(self, params: QueryDict) -> int:
        return bookings_query(self.year(params)).count()

    def filename(self, params: QueryDict, file_format: str) -> str:
        return f"haushalt-{self.year(params)}.{file_format}"

    def write(self, params: QueryDict, file_format: str, stream, track=None) -> None:
        year, cofunder = self.year(params), self.cofunder(params)
        budget_sheet_write(stream, year, cofunder=cofunder, track=track)


EXPORTS = {
    kind.name: kind
    for kind in (
        ListExport(
            "applications",
            _("Anträge"),
            "antraege",
            "antraege:index",
            applications_for_staff,
            applications_export,
        ),
        ListExport(
            "grants",
            _("Bewilligungen"),
            "bewilligungen",
            "antraege:grants",
            grants_for_staff,
            grants_export,
        ),
        ListExport(
            "payments",
            _("Mittelabrufe"),
            "mittelabrufe",
            "antraege:payments",
            payment_requests_for_staff,
            payments_export,
        ),
        ListExport(
            "reports",
            _("Nachweise"),
            "nachweise",
            "antraege:reports",
            reports_for_staff,
            reports_export,
        ),
        BudgetSheetExport(),
    )
}
