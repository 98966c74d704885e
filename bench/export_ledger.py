"""Benchmark: core.exports.write_xlsx against raw xlsxwriter (constant_memory) on a
"Buchungen" sheet of 100,000 synthetic ledger rows, with the columns of the budget sheet's
"Buchungen" sheet (budgeting.exports.ledger_sheets), which the same writer produces.

Both write the same cells with the same formats into a temporary file. Runs alternate
(ours, raw, ours, raw, ...) and the best of each counts. Memory is measured in a separate
run of each with tracemalloc: the peak of Python heap allocations during the write, the
prebuilt input rows excluded (xlsxwriter's temporary files on disk are not memory).

    .venv/bin/python bench/export_ledger.py [rows]
"""

import datetime
import os
import sys
import tempfile
import time
import tracemalloc
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django

django.setup()

import xlsxwriter  # noqa: E402

from budgeting.exports.ledger_sheets import BOOKING_KINDS, booking_header  # noqa: E402
from core.exports import (  # noqa: E402
    DATE,
    DATE_FORMAT,
    INT,
    MONEY,
    MONEY_FORMAT,
    TEXT,
    WORKBOOK_OPTIONS,
    Export,
    write_xlsx,
)

ROWS = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
REPEAT = 3
# The columns of the budget sheet's "Buchungen" sheet, which core.exports writes.
HEADER = [str(title) for title in booking_header()]
KINDS = BOOKING_KINDS
WIDTHS = {TEXT: 30, MONEY: 14, DATE: 12, INT: 10}
ENTRY_KINDS = ["Bindung", "Auszahlung", "Freigabe", "Rückforderung"]


def ledger_rows(count: int) -> list[list]:
    start = datetime.date(2026, 1, 1)
    return [
        [
            start + datetime.timedelta(days=number % 365),
            ENTRY_KINDS[number % 4],
            f"1.05.02.01 / 20500 / 531800 ({number % 17})",
            f"ZI-2026-{number % 9999:04d}",
            Decimal(number % 250_000) / 100 - 400,
            "=Vermerk zur Buchung" if number % 1000 == 0 else f"Mittelabruf {number}",
        ]
        for number in range(count)
    ]


def ours(rows, path):
    write_xlsx(Export(title="Buchungen", header=HEADER, rows=rows, kinds=KINDS), path)


def raw(rows, path):
    """What a hand-written constant_memory export of the same sheet does."""
    workbook = xlsxwriter.Workbook(path, WORKBOOK_OPTIONS)
    sheet = workbook.add_worksheet("Buchungen")
    date_format = workbook.add_format({"num_format": DATE_FORMAT})
    money = workbook.add_format({"num_format": MONEY_FORMAT})
    for column, kind in enumerate(KINDS):
        sheet.set_column(column, column, WIDTHS[kind])
    sheet.write_row(0, 0, HEADER, workbook.add_format({"bold": True}))
    write_datetime, write_string, write_number = (
        sheet.write_datetime,
        sheet.write_string,
        sheet.write_number,
    )
    number = 0
    for number, (day, kind, line, reference, amount, note) in enumerate(rows, start=1):
        write_datetime(number, 0, day, date_format)
        write_string(number, 1, kind)
        write_string(number, 2, line)
        write_string(number, 3, reference)
        write_number(number, 4, amount, money)
        write_string(number, 5, note)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(number, 1), len(HEADER) - 1)
    workbook.close()


def timed(writer, rows, path) -> float:
    began = time.perf_counter()
    writer(rows, path)
    return time.perf_counter() - began


def peak(writer, rows, path) -> int:
    tracemalloc.start()
    writer(rows, path)
    _current, highest = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return highest


def main():
    rows = ledger_rows(ROWS)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "buchungen.xlsx")
        times = {"ours": [], "raw": []}
        for _round in range(REPEAT):
            times["ours"].append(timed(ours, rows, path))
            times["raw"].append(timed(raw, rows, path))
        size = os.path.getsize(path)
        peaks = {"ours": peak(ours, rows, path), "raw": peak(raw, rows, path)}
    best = {name: min(values) for name, values in times.items()}
    print(f"Buchungen: {ROWS:,} rows x {len(HEADER)} columns, best of {REPEAT} (alternating)")
    for name, label in (("ours", "core.exports.write_xlsx"), ("raw", "raw xlsxwriter")):
        print(
            f"  {label:<24}{ROWS / best[name]:>9,.0f} rows/s  ({best[name]:.2f} s)"
            f"  tracemalloc peak {peaks[name] / 1024 / 1024:.1f} MiB"
        )
    ratio = best["raw"] / best["ours"]
    print(
        f"  ratio ours/raw (rows/s): {ratio:.2f}"
        f"  (target >= 0.80: {'ok' if ratio >= 0.8 else 'MISSED'})"
    )
    print(f"  file size {size / 1024 / 1024:.1f} MiB; memory = Python heap peak during the write,")
    print("  input rows excluded, xlsxwriter's temporary files on disk not counted")
    return 0 if ratio >= 0.8 else 1


if __name__ == "__main__":
    sys.exit(main())
