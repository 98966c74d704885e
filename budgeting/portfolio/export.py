"""The portfolio view as a workbook (pandas + xlsxwriter): exactly the filtered figures, in
small formatted sheets. User text stays text; suppressed cells hold the text "< 5"; totals
are live formulas."""

import io

import pandas as pd
from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_col_to_name

from budgeting.portfolio.figures import suppression_note
from budgeting.portfolio.indicators import own_indicators_note
from budgeting.portfolio.money import MoneyTable
from budgeting.portfolio.selectors import Portfolio
from core.exports import MONEY_FORMAT
from grants.models import IndicatorStatus, IndicatorUnit

OPTIONS = {"options": {"strings_to_formulas": False, "strings_to_urls": False}}
NUMBER_FORMAT = "#,##0.00"


def _write(writer, frame: pd.DataFrame, title: str, widths: list[int], startrow: int = 0):
    frame.to_excel(writer, sheet_name=title, index=False, startrow=startrow)
    sheet = writer.sheets[title]
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    return sheet


def _key_figures(writer, data: Portfolio, money) -> None:
    title, figures = _("Kennzahlen"), data.figures
    rows = [(label, value, False) for label, value in data.filter.applied()]
    rows += [
        (_("Bewilligungen"), figures.grants, False),
        (_("bewilligt (netto gebunden)"), figures.approved, True),
        (_("Auszahlungen"), figures.payouts, True),
        (_("Rückzahlungen"), figures.refunds, True),
        (_("ausgezahlt abzüglich Rückzahlungen"), figures.paid, True),
        (_("Organisationen erreicht"), figures.organisations, False),
        (_("davon erstmals gefördert"), figures.first_time, False),
    ]
    frame = pd.DataFrame([row[:2] for row in rows], columns=[_("Kennzahl"), _("Wert")])
    sheet = _write(writer, frame, title, [40, 18, 24, 26, 24, 24])
    for number, (_label, value, is_money) in enumerate(rows, start=1):
        if is_money:
            sheet.write_number(number, 1, value, money)
    header = [_("Jahr"), _("Bewilligungen"), _("bewilligt (netto gebunden)")]
    header += [_("ausgezahlt abzüglich Rückzahlungen"), _("Organisationen erreicht")]
    header += [_("davon erstmals gefördert")]
    per_year = [
        (y.year, y.grants, y.approved, y.paid, y.organisations, y.first_time) for y in data.years
    ]
    start = len(rows) + 2
    _write(writer, pd.DataFrame(per_year, columns=header), title, [], startrow=start)
    for number, values in enumerate(per_year, start=start + 1):
        for column in (2, 3):
            sheet.write_number(number, column, values[column], money)


def _money_table(writer, table: MoneyTable, title: str, label: str, money) -> None:
    columns = [label, *(str(year) for year in table.years), _("Summe")]
    rows = [[row.name, *row.amounts, row.total] for row in table.rows]
    sheet = _write(writer, pd.DataFrame(rows, columns=columns), title, [34])
    sheet.set_column(1, len(columns) - 1, 16, money)
    sheet.freeze_panes(1, 1)
    if not rows:
        return
    last_year, total_column = xl_col_to_name(len(table.years)), len(columns) - 1
    for number, row in enumerate(table.rows, start=2):  # Excel row numbers
        formula = f"=SUM(B{number}:{last_year}{number})"
        sheet.write_formula(number - 1, total_column, formula, money, row.total)
    end = len(rows) + 1
    sheet.write_string(end, 0, _("Summe"))
    for column, value in enumerate([*table.totals, table.total], start=1):
        name = xl_col_to_name(column)
        sheet.write_formula(end, column, f"=SUM({name}2:{name}{end})", money, value)


def _indicators(writer, data: Portfolio, money) -> None:
    header = [_("Kürzel"), _("Indikator"), _("Förderprogramm"), _("Einheit")]
    header += [_("Zusammenfassung"), _("Bewilligungen"), _("davon berichtend")]
    header += [_("Ziel (alle Bewilligungen)"), _("Ziel (berichtende Bewilligungen)"), _("Ist")]
    header += [str(label) for label in IndicatorStatus.labels]
    rows = [
        [r.code, r.name, r.programme, str(r.unit_label), str(r.aggregation_label)]
        + [r.grants, r.reporting, r.target.cell, r.target_reporting.cell, r.actual.cell]
        + [r.statuses[status] for status in IndicatorStatus.values]
        for r in data.indicators.rows
    ]
    title = _("Indikatoren")
    sheet = _write(writer, pd.DataFrame(rows, columns=header), title, [12, 40, 30, 12, 16])
    sheet.set_column(5, 6, 14)
    sheet.set_column(7, 9, 18, writer.book.add_format({"num_format": NUMBER_FORMAT}))
    sheet.set_column(10, 12, 12)
    sheet.freeze_panes(1, 2)
    for number, row in enumerate(data.indicators.rows, start=1):
        if row.unit == IndicatorUnit.EUR:
            for column, shown in zip(
                (7, 8, 9), (row.target, row.target_reporting, row.actual), strict=True
            ):
                if shown.value is not None:
                    sheet.write_number(number, column, shown.value, money)
    notes = [suppression_note(data.min_cell)]
    if data.indicators.own_indicators:
        notes.append(own_indicators_note(data.indicators))
    for offset, note in enumerate(notes, start=len(rows) + 2):
        sheet.write_string(offset, 0, note)


def portfolio_xlsx(data: Portfolio) -> bytes:
    """The workbook: "Kennzahlen", "Nach Handlungsfeld", "Nach Stadtbezirk", "Indikatoren"."""
    output = io.BytesIO()
    with pd.ExcelWriter(output, engine="xlsxwriter", engine_kwargs=OPTIONS) as writer:
        money = writer.book.add_format({"num_format": MONEY_FORMAT})
        _key_figures(writer, data, money)
        theme, district = _("Handlungsfeld"), _("Stadtbezirk")
        _money_table(writer, data.by_theme, _("Nach Handlungsfeld"), theme, money)
        _money_table(writer, data.by_district, _("Nach Stadtbezirk"), district, money)
        _indicators(writer, data, money)
    return output.getvalue()
