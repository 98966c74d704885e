"""The finance team's budget sheet (DOMAIN.md): one row per budget line, totals as live
formulas, an overview by source and programme, the grants, and the bookings of the year.

Written with xlsxwriter; user text never becomes a formula or a link."""

import io
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter
from django.db.models import Q
from django.utils.translation import gettext as _

from budgeting.models import BudgetLine, LedgerEntry
from budgeting.selectors import cofunder_overview
from core.money import ZERO

LINE_SHEET = "Haushaltsstellen"
# (title, attribute or formula template with {r} for the row, kind)
LINE_COLUMNS = [
    ("Haushaltsjahr", "year", "int"),
    ("Produkt", "produkt", "text"),
    ("Kostenstelle", "kostenstelle", "text"),
    ("Sachkonto", "sachkonto", "text"),
    ("Förderprogramm", "programme_name", "text"),
    ("Finanzierungsquelle", "source_name", "text"),
    ("Ansatz", "appropriation", "money"),
    ("Übertragung", "carry_over", "money"),
    ("gesperrt", "blocked", "money"),
    ("verfügbar", "=G{r}+H{r}-I{r}", "money"),
    ("beantragt (Pipeline)", "pipeline", "money"),
    ("bewilligt (gebunden)", "committed", "money"),
    ("ausgezahlt", "paid", "money"),
    ("offene Bindung", "=L{r}-M{r}", "money"),
    ("Rückflüsse", "refunds", "money"),
    ("frei", "=J{r}-L{r}", "money"),
    ("VE Folgejahre", "future_authorisation", "money"),
    ("Drittmittel zugesagt", "cofunding_pledged", "money"),
    ("Drittmittel eingegangen", "cofunding_received", "money"),
    ("Auslastung %", "=IF(J{r}=0,0,L{r}/J{r})", "percent"),
]
SUMMED = {"money"}
OVERVIEW_COLUMNS = [
    ("Ansatz", "G"),
    ("verfügbar", "J"),
    ("bewilligt", "L"),
    ("ausgezahlt", "M"),
    ("frei", "P"),
]


@dataclass
class SheetLine:
    line: BudgetLine

    def __getattr__(self, name):
        if name == "programme_name":
            return self.line.programme.name
        if name == "source_name":
            return self.line.source.name
        return getattr(self.line, name)


def budget_sheet_lines(year: int):
    """The lines of the year with every figure of the sheet (one query)."""
    return (
        BudgetLine.objects.filter(year=year)
        .with_sheet_figures()
        .select_related("programme", "source")
        .order_by("source__name", "programme__name", "produkt", "kostenstelle", "pk")
    )


def budget_sheet_xlsx(year: int, *, cofunder=None) -> bytes:
    """The workbook as bytes; with `cofunder` (a FundingSource) one more sheet about it."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output,
        {
            "constant_memory": True,  # rows stream to disk: a year can have 100,000 bookings
            "strings_to_formulas": False,
            "strings_to_urls": False,
        },
    )
    formats = {
        "header": workbook.add_format({"bold": True, "bg_color": "#DDE6F0", "text_wrap": True}),
        "money": workbook.add_format({"num_format": '#,##0.00 "€"'}),
        "percent": workbook.add_format({"num_format": "0.0 %"}),
        "total": workbook.add_format({"bold": True, "num_format": '#,##0.00 "€"', "top": 1}),
        "total_percent": workbook.add_format({"bold": True, "num_format": "0.0 %", "top": 1}),
        "date": workbook.add_format({"num_format": "dd.mm.yyyy"}),
        "bold": workbook.add_format({"bold": True}),
    }
    lines = list(budget_sheet_lines(year))
    overview = workbook.add_worksheet(_("Übersicht"))
    _line_sheet(workbook.add_worksheet(LINE_SHEET), lines, formats)
    _overview_sheet(overview, lines, formats, year)
    _grant_sheet(workbook.add_worksheet(_("Bewilligungen")), year, formats)
    _booking_sheet(workbook.add_worksheet(_("Buchungen")), year, formats)
    if cofunder is not None:
        # sheet names are at most 31 characters and may not contain some signs
        name = "".join(c for c in cofunder.name if c not in "[]:*?/\\")[:31]
        _cofunder_sheet(workbook.add_worksheet(name), cofunder, formats)
    workbook.close()
    return output.getvalue()


def _cell_value(item: SheetLine, spec):
    return getattr(item, spec)


def _computed(item: SheetLine, column: str) -> Decimal:
    """The value a formula column computes, as the workbook's cached value."""
    line = item.line
    return {
        "J": line.available,
        "N": line.committed - line.paid,
        "P": line.free,
        "T": (line.committed / line.available) if line.available else ZERO,
    }[column]


def _figure(line: BudgetLine, column: str) -> Decimal:
    """The value of a money column of the line sheet by its letter."""
    spec = LINE_COLUMNS[xlsxwriter.utility.xl_cell_to_rowcol(f"{column}1")[1]][1]
    item = SheetLine(line)
    return _computed(item, column) if spec.startswith("=") else getattr(item, spec)


def _line_sheet(sheet, lines, formats):
    for col, (title, _spec, _kind) in enumerate(LINE_COLUMNS):
        sheet.write(0, col, title, formats["header"])
    sheet.set_row(0, 30)
    sheet.set_column(0, 3, 12)
    sheet.set_column(4, 5, 28)
    sheet.set_column(6, len(LINE_COLUMNS) - 1, 15)
    for index, line in enumerate(lines, start=1):
        item, excel_row = SheetLine(line), index + 1
        for col, (_title, spec, kind) in enumerate(LINE_COLUMNS):
            letter = xlsxwriter.utility.xl_col_to_name(col)
            fmt = formats.get(kind)
            if spec.startswith("="):
                value = _computed(item, letter)
                sheet.write_formula(index, col, spec.format(r=excel_row), fmt, float(value))
            elif kind == "money":
                sheet.write_number(index, col, float(_cell_value(item, spec)), fmt)
            elif kind == "int":
                sheet.write_number(index, col, _cell_value(item, spec))
            else:
                sheet.write_string(index, col, str(_cell_value(item, spec)))
    total_row = len(lines) + 1
    sheet.write_string(total_row, 0, _("Summe"), formats["bold"])
    last = max(total_row, 2)
    for col, (_title, spec, kind) in enumerate(LINE_COLUMNS):
        letter = xlsxwriter.utility.xl_col_to_name(col)
        if kind in SUMMED:
            total = sum(
                (
                    _computed(SheetLine(x), letter)
                    if spec.startswith("=")
                    else getattr(SheetLine(x), spec)
                    for x in lines
                ),
                ZERO,
            )
            sheet.write_formula(
                total_row,
                col,
                f"=SUBTOTAL(9,{letter}2:{letter}{last})",
                formats["total"],
                float(total),
            )
    available = sum((x.available for x in lines), ZERO)
    committed = sum((x.committed for x in lines), ZERO)
    sheet.write_formula(
        total_row,
        len(LINE_COLUMNS) - 1,
        f"=IF(J{total_row + 1}=0,0,L{total_row + 1}/J{total_row + 1})",
        formats["total_percent"],
        float(committed / available) if available else 0,
    )
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(lines), 1), len(LINE_COLUMNS) - 1)


def _overview_sheet(sheet, lines, formats, year):
    """Totals per source and per programme as live SUMIFS over the line sheet."""
    sheet.write_string(0, 0, _("Haushalt %(year)s – Übersicht") % {"year": year}, formats["bold"])
    row = 2
    for heading, criteria_column in ((_("Finanzierungsquelle"), "F"), (_("Förderprogramm"), "E")):
        sheet.write_string(row, 0, heading, formats["header"])
        for col, (title, _letter) in enumerate(OVERVIEW_COLUMNS, start=1):
            sheet.write_string(row, col, title, formats["header"])
        for name in sorted({_group_name(x, criteria_column) for x in lines}):
            row += 1
            sheet.write_string(row, 0, name)
            group = [x for x in lines if _group_name(x, criteria_column) == name]
            for col, (_title, letter) in enumerate(OVERVIEW_COLUMNS, start=1):
                cached = sum((_figure(x, letter) for x in group), ZERO)
                values = f"'{LINE_SHEET}'!{letter}:{letter}"
                criteria = f"'{LINE_SHEET}'!{criteria_column}:{criteria_column}"
                formula = f"=SUMIFS({values},{criteria},A{row + 1})"
                sheet.write_formula(row, col, formula, formats["money"], float(cached))
        row += 2
    sheet.set_column(0, 0, 36)
    sheet.set_column(1, len(OVERVIEW_COLUMNS), 16)


def _group_name(line: BudgetLine, column: str) -> str:
    return line.source.name if column == "F" else line.programme.name


def _grant_sheet(sheet, year, formats):
    headers = [
        _("Aktenzeichen"),
        _("Organisation"),
        _("Förderprogramm"),
        _("Haushaltsstelle"),
        _("gebunden"),
        _("ausgezahlt"),
        _("offen"),
    ]
    for col, title in enumerate(headers):
        sheet.write(0, col, title, formats["header"])
    rows = {}
    entries = LedgerEntry.objects.filter(
        budget_line__year=year, application__isnull=False
    ).select_related(
        "application__organisation",
        "application__call__programme",
        "budget_line__source",
        "budget_line__programme",
    )
    for entry in entries:
        key = (entry.application_id, entry.budget_line_id)
        row = rows.setdefault(key, {"entry": entry, "committed": ZERO, "paid": ZERO})
        sign = {"commitment": 1, "release": -1}.get(entry.kind, 0)
        row["committed"] += sign * entry.amount
        if entry.kind == "payout":
            row["paid"] += entry.amount
    for index, row in enumerate(
        sorted(
            rows.values(),
            key=lambda r: (r["entry"].application.reference or "", r["entry"].budget_line_id),
        ),
        start=1,
    ):
        entry = row["entry"]
        sheet.write_string(index, 0, entry.application.reference or "")
        sheet.write_string(index, 1, entry.application.organisation.name)
        sheet.write_string(index, 2, entry.application.call.programme.name)
        sheet.write_string(index, 3, str(entry.budget_line))
        sheet.write_number(index, 4, float(row["committed"]), formats["money"])
        sheet.write_number(index, 5, float(row["paid"]), formats["money"])
        sheet.write_formula(
            index,
            6,
            f"=E{index + 1}-F{index + 1}",
            formats["money"],
            float(row["committed"] - row["paid"]),
        )
    sheet.set_column(0, 0, 14)
    sheet.set_column(1, 3, 32)
    sheet.set_column(4, 6, 14)
    sheet.freeze_panes(1, 0)


def _booking_sheet(sheet, year, formats):
    headers = [
        _("gebucht am"),
        _("Buchungsart"),
        _("Haushaltsstelle"),
        _("Aktenzeichen"),
        _("Betrag"),
        _("Vermerk"),
    ]
    for col, title in enumerate(headers):
        sheet.write(0, col, title, formats["header"])
    entries = (
        LedgerEntry.objects.filter(Q(budget_line__year=year))
        .select_related("application", "budget_line__programme", "budget_line__source")
        .order_by("booked_at", "pk")
    )
    for index, entry in enumerate(entries.iterator(chunk_size=2000), start=1):
        sheet.write_datetime(index, 0, entry.booked_at.replace(tzinfo=None), formats["date"])
        sheet.write_string(index, 1, str(entry.get_kind_display()))
        sheet.write_string(index, 2, str(entry.budget_line))
        sheet.write_string(
            index, 3, (entry.application.reference or "") if entry.application else ""
        )
        sheet.write_number(index, 4, float(entry.amount), formats["money"])
        sheet.write_string(index, 5, entry.note)
    sheet.set_column(0, 1, 16)
    sheet.set_column(2, 2, 48)
    sheet.set_column(3, 4, 14)
    sheet.set_column(5, 5, 40)
    sheet.freeze_panes(1, 0)


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
    for title, col in ((_("Haushaltsstelle"), 0), (_("gebunden"), 1), (_("ausgezahlt"), 2)):
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
