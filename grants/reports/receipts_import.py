"""The Belegliste from an Excel (XLSX) or CSV file: every row is checked, then all or nothing.

The file type is read from the bytes, never from the name. Cell values are only read, never
evaluated: formulas count with the value Excel saved for them (data_only).
"""

import csv
import datetime
import io
import math
import re
from decimal import Decimal, InvalidOperation

import filetype
import openpyxl
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl.utils.datetime import from_excel

from core.money import CENT, ZERO, round_money
from core.uploads import check_unpacked_size
from grants.models import Receipt
from grants.reports.rows import ReceiptRow
from grants.reports.rules import receipt_date_refusal

__all__ = ["MAX_ROWS", "ReceiptRow", "parse_receipts"]

MAX_ROWS = 1000
# Rows looked at in all, empty ones included: a sheet formatted down to row 1,048,576 stops here.
MAX_SCANNED_ROWS = 5 * MAX_ROWS
MAX_COLUMNS = 30
HEADER_SEARCH_ROWS = 10
ZIP_MAGIC = b"PK\x03\x04"
DELIMITERS = (";", ",")
COLUMNS = {
    "date": gettext_lazy("Datum"),
    "payee": gettext_lazy("Zahlungsempfänger"),
    "purpose": gettext_lazy("Zweck"),
    "amount": gettext_lazy("Betrag"),
}
# A closing line such as "Summe" or "Gesamt" has neither date nor payee: it is not a receipt.
TOTAL_WORDS = ("summe", "gesamt")
MAX_TEXT = {
    "payee": Receipt._meta.get_field("payee").max_length,
    "purpose": Receipt._meta.get_field("purpose").max_length,
}
LIMIT_AMOUNT = Decimal(10) ** 12
GERMAN_AMOUNT = re.compile(r"-?(\d{1,3}(\.\d{3})+|\d+),\d+")  # 1.234,56 and 1234,56
GROUPED_AMOUNT = re.compile(r"-?\d{1,3}(\.\d{3})+")  # 1.234: thousands, German style
PLAIN_AMOUNT = re.compile(r"-?\d+(\.\d+)?")  # 1234.56 and 1234
DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d")


class CellError(Exception):
    """A value of one cell cannot be used; the message names the problem."""


def parse_receipts(uploaded_file) -> list[ReceiptRow]:
    """Read the receipts of an XLSX or CSV file; raise ValidationError listing every problem."""
    data = _read(uploaded_file)
    if data.startswith(ZIP_MAGIC):
        check_unpacked_size(data, settings.RECEIPTS_IMPORT_MAX_UNPACKED_BYTES)
        return _receipts(_xlsx_rows(data))
    kind = filetype.guess(data[:8192])
    if kind is not None or b"\x00" in data:
        raise ValidationError(_wrong_type(), code="type")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError(
            _(
                "Die CSV-Datei ist nicht UTF-8-kodiert. Bitte speichern Sie sie in Excel mit "
                "„Speichern unter“ als „CSV UTF-8 (durch Trennzeichen getrennt)“."
            ),
            code="encoding",
        ) from error
    return _receipts(_csv_rows(text))


def _wrong_type() -> str:
    return _("Bitte laden Sie die Belegliste als Excel-Datei (XLSX) oder als CSV-Datei hoch.")


def _read(uploaded_file) -> bytes:
    limit = settings.ATTACHMENT_MAX_BYTES
    uploaded_file.seek(0)
    data = uploaded_file.read(limit + 1)
    if not data:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    if len(data) > limit:
        raise ValidationError(
            _("Die Datei ist zu groß. Erlaubt sind höchstens %(limit)s.")
            % {"limit": filesizeformat(limit)},
            code="too_large",
        )
    return data


def _xlsx_rows(data: bytes) -> list[tuple[int, list]]:
    """The rows of the first sheet with their row numbers, read without evaluating anything."""
    rows = []
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = workbook.worksheets[0]
            cells = sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True)
            for number, values in enumerate(cells, start=1):
                if number > MAX_SCANNED_ROWS:
                    raise ValidationError(_too_many_rows(), code="too_many_rows")
                rows.append((number, list(values)))
        finally:
            workbook.close()
    except ValidationError:
        raise
    except Exception as error:
        # Whatever a damaged or foreign zip makes the reader fail with, it is not our table.
        raise ValidationError(
            _(
                "Die Datei ist keine lesbare Excel-Datei (XLSX). Bitte speichern Sie die "
                "Tabelle als XLSX oder als CSV-Datei."
            ),
            code="type",
        ) from error
    return rows


def _csv_rows(text: str) -> list[tuple[int, list]]:
    """The records of the CSV text; the delimiter is the one that makes the header readable."""
    delimiter = _sniff_delimiter(text)
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        for number, values in enumerate(reader, start=1):
            if number > MAX_SCANNED_ROWS:
                raise ValidationError(_too_many_rows(), code="too_many_rows")
            rows.append((number, values[:MAX_COLUMNS]))
    except csv.Error as error:
        # csv's own messages are English ("field larger than field limit"): say it in German.
        raise ValidationError(
            _(
                "Die CSV-Datei kann ab Zeile %(line)s nicht gelesen werden (zum Beispiel ein "
                "sehr langes Feld oder ein nicht geschlossenes Anführungszeichen). Bitte "
                "speichern Sie die Tabelle erneut als CSV UTF-8 oder als XLSX."
            )
            % {"line": reader.line_num},
            code="csv",
        ) from error
    return rows


def _sniff_delimiter(text: str) -> str:
    head = text.splitlines()[:HEADER_SEARCH_ROWS]
    for delimiter in DELIMITERS:
        try:
            records = list(csv.reader(head, delimiter=delimiter))
        except csv.Error:
            continue
        if any(_header_columns(values) is not None for values in records):
            return delimiter
    first = next((line for line in head if line.strip()), "")
    return ";" if first.count(";") >= first.count(",") else ","


def _receipts(rows: list[tuple[int, list]]) -> list[ReceiptRow]:
    header_index, columns = _find_header(rows)
    receipts: list[ReceiptRow] = []
    errors: list[str] = []
    count = 0
    for number, values in rows[header_index + 1 :]:
        cells = {key: _cell(values, index) for key, index in columns.items()}
        if all(_blank(value) for value in cells.values()) or _is_total_line(cells):
            continue
        count += 1
        if count > MAX_ROWS:
            raise ValidationError(_too_many_rows(), code="too_many_rows")
        try:
            receipts.append(_receipt(cells, number=len(receipts) + 1))
        except ValidationError as problems:
            errors += [
                _("Zeile %(row)s: %(problem)s") % {"row": number, "problem": problem}
                for problem in problems.messages
            ]
    if errors:
        raise ValidationError(errors, code="rows")
    if not receipts:
        raise ValidationError(_("Die Datei enthält keine Belege."), code="no_rows")
    return receipts


def _receipt(cells: dict, *, number: int) -> ReceiptRow:
    parsed, problems = {}, []
    for key, parse in (
        ("date", _parse_date),
        ("payee", _parse_text),
        ("purpose", _parse_text),
        ("amount", _parse_amount),
    ):
        try:
            parsed[key] = parse(cells[key], key)
        except CellError as problem:
            problems.append(str(problem))
    if problems:
        raise ValidationError(problems)
    return ReceiptRow(number=number, **parsed)


def _find_header(rows) -> tuple[int, dict[str, int]]:
    for index, (_number, values) in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(values)
        if columns is not None:
            return index, columns
    if not any(not _blank(v) for _number, values in rows for v in values):
        raise ValidationError(_("Die Datei enthält keine Belege."), code="no_rows")
    first = next(values for _number, values in rows if any(not _blank(v) for v in values))
    found = {_title(value) for value in first}
    missing = [str(title) for title in COLUMNS.values() if _title(title) not in found]
    raise ValidationError(
        _(
            "Die Kopfzeile mit den Spalten Datum, Zahlungsempfänger, Zweck und Betrag fehlt "
            "(nicht gefunden: %(missing)s)."
        )
        % {"missing": ", ".join(f"„{title}“" for title in missing)},
        code="header",
    )


def _header_columns(values) -> dict[str, int] | None:
    """Where each column is, if this row is the header; extra columns are ignored."""
    titles = [_title(value) for value in values]
    columns = {}
    for key, title in COLUMNS.items():
        wanted = _title(title)
        if wanted not in titles:
            return None
        columns[key] = titles.index(wanted)
    return columns


def _title(value) -> str:
    """A header cell compared case-insensitively, without a unit such as "(Euro)"."""
    text = str(value or "").replace("\ufeff", "").strip()
    return re.sub(r"\s*\(.*\)\s*$", "", text).rstrip(":").strip().casefold()


def _cell(values: list, index: int):
    value = values[index] if index < len(values) else None
    return value.strip() if isinstance(value, str) else value


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_total_line(cells: dict) -> bool:
    if not (_blank(cells["date"]) and _blank(cells["payee"])):
        return False
    purpose = str(cells["purpose"] or "").casefold()
    return purpose.startswith(TOTAL_WORDS)


def _too_many_rows() -> str:
    return _(
        "Die Datei enthält mehr als %(max)s Belege. Mehr sind in einem Nachweis nicht möglich."
    ) % {"max": number_format(MAX_ROWS, force_grouping=True)}


def _label(key: str) -> str:
    return str(COLUMNS[key])


def _parse_date(value, key: str) -> datetime.date:
    day = _read_date(value, key)
    refusal = receipt_date_refusal(day)
    if refusal:
        raise CellError(refusal)
    return day


def _read_date(value, key: str) -> datetime.date:
    if _blank(value):
        raise CellError(_("%(column)s fehlt.") % {"column": _label(key)})
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if _is_excel_serial(value):
        return from_excel(value).date()
    if isinstance(value, str):
        for date_format in DATE_FORMATS:
            try:
                return datetime.datetime.strptime(value, date_format).date()
            except ValueError:
                continue
    raise CellError(
        _("%(column)s „%(value)s“ ist kein gültiges Datum (TT.MM.JJJJ).")
        % {"column": _label(key), "value": value}
    )


def _is_excel_serial(value) -> bool:
    """A number in a date column: Excel's day count, written without a date format."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and 1 <= value < 2958466


def _parse_text(value, key: str) -> str:
    if _blank(value):
        raise CellError(_("%(column)s fehlt.") % {"column": _label(key)})
    text = value if isinstance(value, str) else str(value)
    if len(text) > MAX_TEXT[key]:
        raise CellError(
            _("%(column)s ist zu lang (höchstens %(max)s Zeichen).")
            % {"column": _label(key), "max": MAX_TEXT[key]}
        )
    return text


def _parse_amount(value, key: str) -> Decimal:
    if _blank(value):
        raise CellError(_("%(column)s fehlt.") % {"column": _label(key)})
    amount = _decimal(value)
    if amount is None:
        raise CellError(
            _("%(column)s „%(value)s“ ist keine Zahl.") % {"column": _label(key), "value": value}
        )
    if abs(amount) >= LIMIT_AMOUNT:
        raise CellError(
            _("%(column)s „%(value)s“ ist zu groß.") % {"column": _label(key), "value": value}
        )
    if isinstance(value, str) and amount != amount.quantize(CENT):
        raise CellError(
            _("%(column)s „%(value)s“ hat mehr als zwei Nachkommastellen.")
            % {"column": _label(key), "value": value}
        )
    amount = round_money(amount)
    if amount <= ZERO:
        raise CellError(
            _("%(column)s „%(value)s“ muss größer als 0 sein.")
            % {"column": _label(key), "value": value}
        )
    return amount


def _decimal(value) -> Decimal | None:
    """The amount as a Decimal, from strings only (a float goes through its shortest repr)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(str(value)) if math.isfinite(value) else None
    if isinstance(value, Decimal):
        return value if value.is_finite() else None
    if not isinstance(value, str):
        return None
    text = re.sub(r"(?i)\s|€|euro?", "", value)
    if GERMAN_AMOUNT.fullmatch(text) or GROUPED_AMOUNT.fullmatch(text):
        text = text.replace(".", "").replace(",", ".")
    elif not PLAIN_AMOUNT.fullmatch(text):
        return None
    try:
        return Decimal(text)
    except InvalidOperation:
        return None
