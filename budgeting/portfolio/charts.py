"""Bar charts of the portfolio as hand-written SVG (no JavaScript, no CDN). They are
aria-hidden: the page gives the same figures as a table inside the same figure."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _

from budgeting.charts import COLOURS
from budgeting.portfolio.indicators import IndicatorRow
from budgeting.portfolio.money import MoneyTable
from core.formatting import format_euro

WIDTH, LABEL_W, VALUE_W, BAR_H, GAP, TOP = 760, 220, 120, 12, 10, 28
PLOT_W = WIDTH - LABEL_W - VALUE_W
TARGET, ACTUAL = "#8fa9c4", "#0b4f8a"


def _short(name: str, size: int = 30) -> str:
    return name if len(name) <= size else name[: size - 1] + "…"


def _open(height: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        'role="img" aria-hidden="true" font-family="sans-serif" font-size="11">'
    )


def _legend(items: list[tuple[str, str]]) -> str:
    parts, x = [], LABEL_W
    for label, colour in items:
        parts.append(
            f'<rect x="{x}" y="6" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="15">{escape(label)}</text>'
        )
        x += 24 + 7 * len(str(label))
    return "".join(parts)


def _bar(y: float, value: Decimal | None, scale: Decimal, colour: str, text: str) -> str:
    width = float(value / scale) * PLOT_W if value and scale else 0.0
    bar = (
        f'<rect x="{LABEL_W}" y="{y:.1f}" width="{max(width, 0.0):.1f}" height="{BAR_H}" '
        f'fill="{colour}"/>'
    )
    label = f'<text x="{LABEL_W + max(width, 0.0) + 4:.1f}" y="{y + BAR_H - 2:.1f}">'
    return bar + label + f"{escape(text)}</text>"


def _group_label(y: float, name: str) -> str:
    return f'<text x="{LABEL_W - 6}" y="{y:.1f}" text-anchor="end">{escape(_short(name))}</text>'


def money_chart_svg(table: MoneyTable) -> str:
    """Approved money per category (theme or district), one bar per year, on one scale."""
    years = [str(year) for year in table.years]
    group_h = len(years) * BAR_H + GAP
    height = TOP + max(len(table.rows), 1) * group_h + 6
    colours = [COLOURS[index % len(COLOURS)] for index in range(len(years))]
    parts = [_open(height), _legend(list(zip(years, colours, strict=True)))]
    scale = table.max_amount
    for index, row in enumerate(table.rows):
        top = TOP + index * group_h
        parts.append(_group_label(top + len(years) * BAR_H / 2 + 4, row.name))
        for number, amount in enumerate(row.amounts):
            y = top + number * BAR_H
            parts.append(_bar(y, amount, scale, colours[number], format_euro(amount)))
    parts.append("</svg>")
    return "".join(parts)


def indicator_chart_svg(rows: list[IndicatorRow]) -> str:
    """Per indicator with reports the target and the actual of the reporting grants ("" when
    no indicator has any). Units differ, so each indicator has its own scale (its larger value
    fills the width); a suppressed figure has no bar and reads "< 5"."""
    rows = [row for row in rows if row.reporting]
    if not rows:
        return ""
    group_h = 2 * BAR_H + GAP
    height = TOP + max(len(rows), 1) * group_h + 6
    legend = [(_("Ziel (berichtende Bewilligungen)"), TARGET), (_("Ist"), ACTUAL)]
    parts = [_open(height), _legend(legend)]
    for index, row in enumerate(rows):
        top = TOP + index * group_h
        figures = (row.target_reporting, row.actual)
        scale = max((f.value for f in figures if f.value is not None), default=None)
        parts.append(_group_label(top + BAR_H + 4, f"{row.code} – {row.name}"))
        for number, (shown, colour) in enumerate(zip(figures, (TARGET, ACTUAL), strict=True)):
            y = top + number * BAR_H
            parts.append(_bar(y, shown.value, scale, colour, shown.text))
    parts.append("</svg>")
    return "".join(parts)
