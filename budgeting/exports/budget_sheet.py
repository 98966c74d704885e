"""The finance team's budget sheet (DOMAIN.md): one row per budget line, totals as live
formulas, an overview by source and programme, the grants, and the bookings of the year.

Written with xlsxwriter in constant_memory mode (a year can have 100,000 bookings, so rows
stream to disk; pandas cannot write such a workbook); user text never becomes a formula or a
link. Each formula is written with its value computed from the ledger as the cached result.

"offene Bindung" of a line is the sum of its grants' open commitments (committed − paid, each
where positive), not the line's committed − paid: a grant paid beyond its commitment (settled
lower, revoked) owes a refund, shown as "offene Rückforderungen", and must not lower the money
the other grants on the line may still draw (see ledger_sheets)."""

import io
from decimal import Decimal

import xlsxwriter
from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_col_to_name

from budgeting.exports.ledger_sheets import (
    bookings_sheet,
    grants_sheet,
    open_claims_by_grant_and_line,
    open_commitments_by_line,
)
from budgeting.models import BudgetLine
from budgeting.selectors import cofunder_overview
from core.exports import MONEY_FORMAT, WORKBOOK_OPTIONS, sheet_name, write_sheet
from core.money import ZERO

LINE_SHEET = "Haushaltsstellen"
# (title, attribute of the line or a formula with {r} for the Excel row, kind)
LINE_COLUMNS = [
    ("Haushaltsjahr", "year", "int"),
    ("Produkt", "produkt", "text"),
    ("Kostenstelle", "kostenstelle", "text"),
    ("Sachkonto", "sachkonto", "text"),
    ("Förderprogramm", "programme_name", "text"),
    ("Finanzierungsquelle", "source_name", "text"),
    ("Ansatz", "appropriation", "money"),
    ("Übertragung", "carry_over_net", "money"),
    ("gesperrt", "blocked", "money"),
    ("verfügbar", "=G{r}+H{r}-I{r}", "money"),
    ("beantragt (Pipeline)", "pipeline", "money"),
    ("bewilligt (gebunden)", "committed", "money"),
    ("ausgezahlt", "paid", "money"),
    ("offene Bindung", "open_commitment", "money"),
    ("Rückflüsse", "refunds", "money"),
    ("frei", "=J{r}-L{r}", "money"),
    ("VE Folgejahre", "future_authorisation", "money"),
    ("Drittmittel zugesagt", "cofunding_pledged", "money"),
    ("Drittmittel eingegangen", "cofunding_received", "money"),
    ("Auslastung %", "=IF(J{r}=0,0,L{r}/J{r})", "percent"),
    ("offene Rückforderungen", "open_claims", "money"),
]
USAGE_COLUMN = next(col for col, (title, _spec, _kind) in enumerate(LINE_COLUMNS) if "%" in title)
LETTERS = {xl_col_to_name(col): spec for col, (_title, spec, _kind) in enumerate(LINE_COLUMNS)}
OVERVIEW_COLUMNS = [
    ("Ansatz", "G"),
    ("verfügbar", "J"),
    ("bewilligt", "L"),
    ("ausgezahlt", "M"),
    ("frei", "P"),
]


def budget_sheet_lines(year: int):
    """The lines of the year with every figure of the sheet (one query)."""
    return (
        BudgetLine.objects.filter(year=year)
        .with_sheet_figures()
        .select_related("programme", "source")
        .order_by("source__name", "programme__name", "produkt", "kostenstelle", "pk")
    )


def budget_sheet_rows(year: int) -> list[BudgetLine]:
    """The lines of the year, each with `open_commitment` and `open_claims` from its grants
    (three queries more, however many grants)."""
    lines = list(budget_sheet_lines(year))
    commitments = open_commitments_by_line(year)
    claims: dict[int, Decimal] = {}
    for (_application, line_id), amount in open_claims_by_grant_and_line(year).items():
        claims[line_id] = claims.get(line_id, ZERO) + amount
    for line in lines:
        line.open_commitment = commitments.get(line.pk, ZERO)
        line.open_claims = claims.get(line.pk, ZERO)
    return lines


def figure(line: BudgetLine, letter: str):
    """The value of a column of the line sheet, a formula column by what it computes."""
    computed = {
        "J": lambda: line.available,
        "P": lambda: line.free,
        "T": lambda: (line.committed / line.available) if line.available else ZERO,
        "E": lambda: line.programme.name,
        "F": lambda: line.source.name,
    }
    if letter in computed:
        return computed[letter]()
    return getattr(line, LETTERS[letter])


def budget_sheet_write(target, year: int, *, cofunder=None, track=None) -> None:
    """Write the workbook to target (a path or binary stream); with `cofunder` (a
    FundingSource) one more sheet about it; `track` wraps the booking rows (progress)."""
    workbook = xlsxwriter.Workbook(target, WORKBOOK_OPTIONS)
    try:
        formats = {
            "header": workbook.add_format({"bold": True, "bg_color": "#DDE6F0", "text_wrap": True}),
            "money": workbook.add_format({"num_format": MONEY_FORMAT}),
            "percent": workbook.add_format({"num_format": "0.0 %"}),
            "total": workbook.add_format({"bold": True, "num_format": MONEY_FORMAT, "top": 1}),
            "total_percent": workbook.add_format({"bold": True, "num_format": "0.0 %", "top": 1}),
            "bold": workbook.add_format({"bold": True}),
        }
        lines = budget_sheet_rows(year)
        overview = workbook.add_worksheet(_("Übersicht"))
        _line_sheet(workbook.add_worksheet(LINE_SHEET), lines, formats)
        _overview_sheet(overview, lines, formats, year)
        write_sheet(workbook, grants_sheet(year))
        write_sheet(workbook, bookings_sheet(year, track))
        if cofunder is not None:
            _cofunder_sheet(workbook.add_worksheet(sheet_name(cofunder.name)), cofunder, formats)
    finally:
        workbook.close()


def budget_sheet_xlsx(year: int, *, cofunder=None) -> bytes:
    """The workbook as bytes."""
    output = io.BytesIO()
    budget_sheet_write(output, year, cofunder=cofunder)
    return output.getvalue()


def _line_sheet(sheet, lines, formats):
    for col, (title, _spec, _kind) in enumerate(LINE_COLUMNS):
        sheet.write(0, col, title, formats["header"])
    sheet.set_row(0, 30)
    sheet.set_column(0, 3, 12)
    sheet.set_column(4, 5, 28)
    sheet.set_column(6, len(LINE_COLUMNS) - 1, 15)
    for index, line in enumerate(lines, start=1):
        for col, (_title, spec, kind) in enumerate(LINE_COLUMNS):
            value, fmt = figure(line, xl_col_to_name(col)), formats.get(kind)
            if spec.startswith("="):
                sheet.write_formula(index, col, spec.format(r=index + 1), fmt, float(value))
            elif kind == "text":
                sheet.write_string(index, col, str(value))
            else:
                sheet.write_number(index, col, value if kind == "int" else float(value), fmt)
    total_row, last = len(lines) + 1, max(len(lines) + 1, 2)
    sheet.write_string(total_row, 0, _("Summe"), formats["bold"])
    for col, (_title, _spec, kind) in enumerate(LINE_COLUMNS):
        if kind == "money":
            letter = xl_col_to_name(col)
            total = sum((figure(line, letter) for line in lines), ZERO)
            formula = f"=SUBTOTAL(9,{letter}2:{letter}{last})"
            sheet.write_formula(total_row, col, formula, formats["total"], float(total))
    available = sum((line.available for line in lines), ZERO)
    committed = sum((line.committed for line in lines), ZERO)
    excel_row = total_row + 1
    sheet.write_formula(
        total_row,
        USAGE_COLUMN,
        f"=IF(J{excel_row}=0,0,L{excel_row}/J{excel_row})",
        formats["total_percent"],
        float(committed / available) if available else 0,
    )
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(lines), 1), len(LINE_COLUMNS) - 1)


def _overview_sheet(sheet, lines, formats, year):
    """Totals per source and per programme as live SUMIFS over the line sheet."""
    sheet.write_string(0, 0, _("Haushalt %(year)s – Übersicht") % {"year": year}, formats["bold"])
    row = 2
    for heading, criteria in ((_("Finanzierungsquelle"), "F"), (_("Förderprogramm"), "E")):
        sheet.write_string(row, 0, heading, formats["header"])
        for col, (title, _letter) in enumerate(OVERVIEW_COLUMNS, start=1):
            sheet.write_string(row, col, title, formats["header"])
        for name in sorted({figure(line, criteria) for line in lines}):
            row += 1
            sheet.write_string(row, 0, name)
            group = [line for line in lines if figure(line, criteria) == name]
            for col, (_title, letter) in enumerate(OVERVIEW_COLUMNS, start=1):
                cached = sum((figure(line, letter) for line in group), Decimal(0))
                values = f"'{LINE_SHEET}'!{letter}:{letter}"
                keys = f"'{LINE_SHEET}'!{criteria}:{criteria}"
                formula = f"=SUMIFS({values},{keys},A{row + 1})"
                sheet.write_formula(row, col, formula, formats["money"], float(cached))
        row += 2
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, len(OVERVIEW_COLUMNS), 16)


def _cofunder_sheet(sheet, source, formats):
    """Everything the co-funder's money touched: pledges, receipts, lines, direct projects."""
    overview = cofunder_overview(source)
    row = 0
    sheet.write_string(row, 0, source.name, formats["bold"])
    for label, key in (
        (_("zugesagt"), "pledged"),
        (_("eingegangen"), "received"),
        (_("gebunden"), "committed"),
        (_("ausgezahlt"), "paid"),
        (_("frei"), "free"),
        (_("direkt an Projekte"), "direct"),
    ):
        row += 1
        sheet.write_string(row, 0, label)
        sheet.write_number(row, 1, float(overview["totals"][key]), formats["money"])
    row += 2
    for col, title in enumerate((_("Haushaltsstelle"), _("gebunden"), _("ausgezahlt"))):
        sheet.write_string(row, col, title, formats["header"])
    for line in overview["lines"]:
        row += 1
        sheet.write_string(row, 0, str(line))
        sheet.write_number(row, 1, float(line.committed), formats["money"])
        sheet.write_number(row, 2, float(line.paid), formats["money"])
    row += 2
    headers = (_("Aktenzeichen"), _("Organisation"), _("Betrag laut Finanzierungsplan"))
    for col, title in enumerate(headers):
        sheet.write_string(row, col, title, formats["header"])
    for line in overview["direct"]:
        row += 1
        sheet.write_string(row, 0, line.application.reference or "")
        sheet.write_string(row, 1, line.application.organisation.name)
        sheet.write_number(row, 2, float(line.amount), formats["money"])
    sheet.set_column(0, 0, 48)
    sheet.set_column(1, 2, 20)
