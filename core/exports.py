"""One writer for every export: an Export is a translated header and rows of native values
(str, Decimal, int, date); write_csv and write_xlsx turn it into a file.

User text never becomes a formula: XLSX writes text cells as strings (strings_to_formulas and
strings_to_urls off), CSV prefixes text that starts like a formula with an apostrophe.
"""

import csv
import datetime
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

import xlsxwriter

TEXT, MONEY, DATE, INT = "text", "money", "date", "int"
KINDS = (TEXT, MONEY, DATE, INT)
# A text cell starting with one of these is read as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
MONEY_FORMAT = '#,##0.00 "€"'
DATE_FORMAT = "dd.mm.yyyy"
WORKBOOK_OPTIONS = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
COLUMN_WIDTHS = {TEXT: 30, MONEY: 14, DATE: 12, INT: 10}
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class Export:
    """title names the sheet; kinds holds one of KINDS per column (all text when empty)."""

    title: str
    header: list[str]
    rows: Iterable[list]
    kinds: list[str] = field(default_factory=list)

    def column_kinds(self) -> list[str]:
        kinds = list(self.kinds) or [TEXT] * len(self.header)
        if len(kinds) != len(self.header) or not set(kinds) <= set(KINDS):
            raise ValueError(f"kinds {kinds!r} do not fit the header {self.header!r}")
        return kinds


def safe_text(value: str) -> str:
    """Text that a spreadsheet program would read as a formula gets a leading apostrophe."""
    return f"'{value}" if value.startswith(FORMULA_PREFIXES) else value


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return safe_text(value)
    if isinstance(value, Decimal):
        return f"{value:.2f}".replace(".", ",")
    if isinstance(value, datetime.date):  # datetime too: the export gives local times
        return value.strftime("%d.%m.%Y")
    return str(value)


def write_csv_to(export: Export, stream) -> None:
    """Semicolon separated with a BOM (for Excel), German dates and decimal commas."""
    stream.write("\ufeff")
    writer = csv.writer(stream, delimiter=";")
    writer.writerow([safe_text(str(title)) for title in export.header])
    for row in export.rows:
        writer.writerow([csv_cell(value) for value in row])


def write_csv(export: Export) -> str:
    output = io.StringIO()
    write_csv_to(export, output)
    return output.getvalue()


def sheet_name(title: str) -> str:
    return SHEET_NAME_FORBIDDEN.sub("-", title).strip("'")[:31] or "Export"


def write_sheet(workbook, export: Export) -> int:
    """Add one sheet with the export to an open workbook, rows in order (so constant_memory
    workbooks may hold several); returns the number of rows written."""
    kinds = export.column_kinds()
    sheet = workbook.add_worksheet(sheet_name(str(export.title)))
    formats = {
        TEXT: None,
        MONEY: workbook.add_format({"num_format": MONEY_FORMAT}),
        DATE: workbook.add_format({"num_format": DATE_FORMAT}),
        INT: None,
    }
    methods = {
        TEXT: sheet.write_string,
        MONEY: sheet.write_number,
        DATE: sheet.write_datetime,
        INT: sheet.write_number,
    }
    for column, kind in enumerate(kinds):
        sheet.set_column(column, column, COLUMN_WIDTHS[kind])
    sheet.write_row(
        0, 0, [str(title) for title in export.header], workbook.add_format({"bold": True})
    )
    cells = [(column, methods[kind], formats[kind]) for column, kind in enumerate(kinds)]
    number = 0
    for number, row in enumerate(export.rows, start=1):
        for (column, write, cell_format), value in zip(cells, row):  # noqa: B905
            if value is not None:
                write(number, column, value, cell_format)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(number, 1), len(kinds) - 1)
    return number


def write_xlsx(export: Export, target) -> int:
    """Stream the export into one sheet at target (a path or a binary file object) with
    xlsxwriter's constant_memory mode; returns the number of rows written."""
    workbook = xlsxwriter.Workbook(target, WORKBOOK_OPTIONS)
    try:
        return write_sheet(workbook, export)
    finally:
        workbook.close()


def write_export(export: Export, file_format: str, stream) -> None:
    """Write the export to a binary stream: CSV as UTF-8 text, otherwise XLSX."""
    if file_format == "csv":
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        write_csv_to(export, text)
        text.flush()
        text.detach()
    else:
        write_xlsx(export, stream)
