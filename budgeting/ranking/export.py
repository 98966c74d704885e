"""The ranking of a call as a workbook (pandas + xlsxwriter): one sheet with the ranking, where
the running sum, what is left of the free budget and the cut-off mark are live formulas, and one
with the budget lines whose free money the ranking is measured against. User text stays text."""

import io

import pandas as pd
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from xlsxwriter.utility import xl_col_to_name

from budgeting.ranking.selectors import Ranking
from core.exports import MONEY_FORMAT, sheet_name
from core.money import ZERO

OPTIONS = {"options": {"strings_to_formulas": False, "strings_to_urls": False}}
HEADER_ROW = 3  # zero-based: title, free budget, an empty row, then the table
FIRST = HEADER_ROW + 2  # the Excel row of the first application
FREE_CELL = "$C$2"
# Zero-based columns of the ranking sheet.
REQUESTED, RECOMMENDED, RUNNING, REMAINING, MARK = 8, 9, 10, 11, 12


def _formula_text(text: str) -> str:
    """A text as a string literal inside a formula."""
    return '"' + text.replace('"', '""') + '"'


def _mark_formula(excel_row: int) -> str:
    """The cut-off mark: the first row whose running sum exceeds the free budget."""
    running = xl_col_to_name(RUNNING)
    here = f"{running}{excel_row}>{FREE_CELL}"
    if excel_row > FIRST:
        here = f"AND({here},{running}{excel_row - 1}<={FREE_CELL})"
    return f'=IF({here},{_formula_text(_("hier reicht das Geld nicht mehr"))},"")'


def _ranking_frame(ranking: Ranking) -> pd.DataFrame:
    columns = [
        _("Rang"),
        _("Aktenzeichen"),
        _("Projekttitel"),
        _("Organisation"),
        _("Prüfung"),
        _("Punktzahl"),
        _("Streuung"),
        _("Streuung zu groß"),
        _("beantragt"),
        _("empfohlen"),
        _("laufende Summe"),
        _("Rest des freien Budgets"),
        _("Hinweis"),
    ]
    rows = [
        [
            row.rank,
            row.application.reference or "",
            row.application.title,
            row.application.organisation.name,
            _("Jury (%(votes)s Stimmen)") % {"votes": row.votes}
            if row.is_panel
            else str(row.recommendation),
            float(row.score),
            float(row.spread) if row.spread is not None else None,
            _("ja") if row.spread_flagged else "",
            float(row.requested),
            float(row.recommended),
            None,
            None,
            None,
        ]
        for row in ranking.rows
    ]
    return pd.DataFrame(rows, columns=columns)


def _ranking_sheet(writer, ranking: Ranking, lines_title: str, formats) -> None:
    title = sheet_name(_("Rangliste"))
    _ranking_frame(ranking).to_excel(writer, sheet_name=title, index=False, startrow=HEADER_ROW)
    sheet = writer.sheets[title]
    sheet.write_string(0, 0, _("Rangliste: %(call)s") % {"call": ranking.call}, formats["bold"])
    stand = date_format(timezone.localdate(), "SHORT_DATE_FORMAT")
    sheet.write_string(0, MARK, _("Stand: %(date)s") % {"date": stand})
    sheet.write_string(1, 0, _("freies Budget der Haushaltsstellen"), formats["bold"])
    last_line = len(ranking.lines) + 1
    sheet.write_formula(
        1,
        2,
        f"=SUM('{lines_title}'!F2:F{max(last_line, 2)})",
        formats["money_bold"],
        float(ranking.free),
    )
    for column, width in enumerate([6, 16, 40, 32, 22, 10, 10, 10, 15, 15, 15, 15, 30]):
        sheet.set_column(column, column, width)
    sheet.set_column(REQUESTED, REMAINING, 15, formats["money"])
    recommended, running = xl_col_to_name(RECOMMENDED), xl_col_to_name(RUNNING)
    for index, row in enumerate(ranking.rows):
        excel_row = FIRST + index
        sheet.write_formula(
            excel_row - 1,
            RUNNING,
            f"=SUM({recommended}${FIRST}:{recommended}{excel_row})",
            formats["money"],
            float(row.running_sum),
        )
        sheet.write_formula(
            excel_row - 1,
            REMAINING,
            f"={FREE_CELL}-{running}{excel_row}",
            formats["money"],
            float(row.remaining),
        )
        mark = _("hier reicht das Geld nicht mehr") if row.is_cutoff else ""
        cell_format = formats["mark"] if row.is_cutoff else None
        sheet.write_formula(excel_row - 1, MARK, _mark_formula(excel_row), cell_format, mark)
    total_row = FIRST + len(ranking.rows)  # Excel row of the totals
    last = max(total_row - 1, FIRST)
    sheet.write_string(total_row - 1, 0, _("Summe"), formats["bold"])
    for column, value in (
        (REQUESTED, ranking.requested_total),
        (RECOMMENDED, ranking.recommended_total),
    ):
        letter = xl_col_to_name(column)
        formula = f"=SUM({letter}{FIRST}:{letter}{last})"
        sheet.write_formula(total_row - 1, column, formula, formats["total"], float(value))
    sheet.freeze_panes(HEADER_ROW + 1, 2)


def _lines_sheet(writer, ranking: Ranking, title: str, formats) -> None:
    columns = [
        _("Haushaltsstelle"),
        _("Haushaltsjahr"),
        _("Finanzierungsquelle"),
        _("verfügbar"),
        _("gebunden"),
        _("frei"),
    ]
    rows = [
        [str(line), line.year, line.source.name, float(line.available), float(line.committed), None]
        for line in ranking.lines
    ]
    pd.DataFrame(rows, columns=columns).to_excel(writer, sheet_name=title, index=False)
    sheet = writer.sheets[title]
    sheet.set_column(0, 0, 60)
    sheet.set_column(1, 1, 12)
    sheet.set_column(2, 2, 30)
    sheet.set_column(3, 5, 15, formats["money"])
    for excel_row, line in enumerate(ranking.lines, start=2):
        formula = f"=D{excel_row}-E{excel_row}"
        sheet.write_formula(excel_row - 1, 5, formula, formats["money"], float(line.free))
    total_row = len(ranking.lines) + 2
    sheet.write_string(total_row - 1, 0, _("Summe"), formats["bold"])
    for column, name in ((3, "available"), (4, "committed"), (5, "free")):
        letter = xl_col_to_name(column)
        cached = sum((getattr(line, name) for line in ranking.lines), ZERO)
        formula = f"=SUM({letter}2:{letter}{max(total_row - 1, 2)})"
        sheet.write_formula(total_row - 1, column, formula, formats["total"], float(cached))


def ranking_xlsx(ranking: Ranking) -> bytes:
    """The workbook: "Rangliste" and "Haushaltsstellen"."""
    output = io.BytesIO()
    with pd.ExcelWriter(output, engine="xlsxwriter", engine_kwargs=OPTIONS) as writer:
        book = writer.book
        formats = {
            "bold": book.add_format({"bold": True}),
            "money": book.add_format({"num_format": MONEY_FORMAT}),
            "money_bold": book.add_format({"bold": True, "num_format": MONEY_FORMAT}),
            "total": book.add_format({"bold": True, "num_format": MONEY_FORMAT, "top": 1}),
            "mark": book.add_format({"bold": True, "font_color": "#9C0006", "bg_color": "#FFC7CE"}),
        }
        lines_title = sheet_name(_("Haushaltsstellen"))
        _ranking_sheet(writer, ranking, lines_title, formats)
        _lines_sheet(writer, ranking, lines_title, formats)
    return output.getvalue()
