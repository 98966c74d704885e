"""The exports of `make bench`: the ledger export (the "Buchungen" sheet of a year) and the whole
budget sheet, against a floor of raw SQL and raw xlsxwriter writing the same cells.

Rows per second count the rows written to the row sheets; memory is the Python heap peak of
a separate run under tracemalloc (xlsxwriter's constant_memory temporary files are on disk)."""

import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import xlsxwriter
from django.db import connection
from django.db.models import Count

from budgeting.exports.budget_sheet import budget_sheet_lines, budget_sheet_write
from budgeting.exports.ledger_sheets import (
    booking_header,
    bookings_query,
    bookings_sheet,
    grants_query,
    grants_sheet,
)
from budgeting.models import LedgerEntry, LedgerEntryKind
from core.exports import DATE_FORMAT, MONEY_FORMAT, WORKBOOK_OPTIONS, write_xlsx

MiB = 1024 * 1024


@dataclass
class ExportResult:
    name: str
    rows: int
    ours_seconds: float
    floor_seconds: float
    ours_peak: int
    floor_peak: int

    @property
    def ratio(self) -> float:
        """ours/floor in rows per second (1.0: as fast as the floor)."""
        return self.floor_seconds / self.ours_seconds


def busiest_year() -> int:
    """The year with the most bookings (the largest sheet)."""
    return (
        LedgerEntry.objects.values("budget_line__year")
        .annotate(n=Count("pk"))
        .order_by("-n")
        .values_list("budget_line__year", flat=True)
        .first()
    )


def _raw_rows(queryset) -> list[tuple]:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _raw_sheet(workbook, title, header, rows, formats) -> int:
    """A sheet written cell by cell with xlsxwriter's own calls, no per-column dispatch."""
    sheet = workbook.add_worksheet(title)
    sheet.write_row(0, 0, header, formats["bold"])
    number = 0
    for number, row in enumerate(rows, start=1):
        for column, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(number, column, value)
            elif value is not None:
                sheet.write(number, column, value, formats.get(type(value).__name__))
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(number, 1), len(header) - 1)
    return number


def _raw_formats(workbook) -> dict:
    return {
        "bold": workbook.add_format({"bold": True}),
        "Decimal": workbook.add_format({"num_format": MONEY_FORMAT}),
        "date": workbook.add_format({"num_format": DATE_FORMAT}),
    }


def _booking_rows(year: int):
    """The bookings as the floor writes them: the same cells, converted inline."""
    labels = dict(LedgerEntryKind.choices)
    for booked_at, kind, *line, reference, amount, note in _raw_rows(bookings_query(year)):
        yield [
            booked_at.date(),
            str(labels[kind]),
            _label(line),
            reference or "",
            amount,
            note,
        ]


def _grant_rows(year: int):
    for (
        _grant,
        reference,
        organisation,
        programme,
        _line,
        *line,
        committed,
        released,
        paid,
    ) in _raw_rows(grants_query(year)):
        net = committed - released
        yield [reference or "", organisation, programme, _label(line), net, paid, net - paid, 0]


def _label(line) -> str:
    return f"{line[0]} · {line[1]} · {line[2]} · {line[3]} / {line[4]} / {line[5]}"


def raw_ledger(path, year: int) -> int:
    workbook = xlsxwriter.Workbook(path, WORKBOOK_OPTIONS)
    formats = _raw_formats(workbook)
    header = [str(title) for title in booking_header()]
    rows = _raw_sheet(workbook, "Buchungen", header, _booking_rows(year), formats)
    workbook.close()
    return rows


def ours_ledger(path, year: int) -> None:
    write_xlsx(bookings_sheet(year), path)


def raw_budget_sheet(path, year: int) -> int:
    """The row sheets of the budget sheet (lines, grants, bookings) from raw SQL."""
    workbook = xlsxwriter.Workbook(path, WORKBOOK_OPTIONS)
    formats = _raw_formats(workbook)
    columns = ("year", "produkt", "kostenstelle", "sachkonto", "appropriation", "committed", "paid")
    lines = _raw_rows(budget_sheet_lines(year).values_list(*columns))
    rows = _raw_sheet(workbook, "Haushaltsstellen", list(columns), lines, formats)
    header = [str(title) for title in grants_sheet(year).header]
    rows += _raw_sheet(workbook, "Bewilligungen", header, _grant_rows(year), formats)
    header = [str(title) for title in booking_header()]
    rows += _raw_sheet(workbook, "Buchungen", header, _booking_rows(year), formats)
    workbook.close()
    return rows


def ours_budget_sheet(path, year: int) -> None:
    budget_sheet_write(path, year)


def _timed(write: Callable, path, year) -> tuple[float, int | None]:
    started = time.perf_counter()
    rows = write(path, year)
    return time.perf_counter() - started, rows


def _peak(write: Callable, path, year) -> int:
    tracemalloc.start()
    try:
        write(path, year)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def compare(name: str, ours: Callable, floor: Callable, year: int, repeat: int) -> ExportResult:
    """Alternate ours and the floor, best of `repeat` each, then one tracemalloc run each."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xlsx"
        best = {"ours": float("inf"), "floor": float("inf")}
        rows = 0
        for _ in range(repeat):
            for label, write in (("ours", ours), ("floor", floor)):
                seconds, written = _timed(write, path, year)
                best[label] = min(best[label], seconds)
                rows = written or rows  # the floor counts the rows both write
        peaks = {
            label: _peak(write, path, year) for label, write in (("ours", ours), ("floor", floor))
        }
    return ExportResult(name, rows, best["ours"], best["floor"], peaks["ours"], peaks["floor"])


def exports(repeat: int) -> list[ExportResult]:
    year = busiest_year()
    return [
        compare(f"ledger export ({year})", ours_ledger, raw_ledger, year, repeat),
        compare(f"budget sheet export ({year})", ours_budget_sheet, raw_budget_sheet, year, repeat),
    ]
