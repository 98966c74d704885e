"""A small line chart as SVG (no JavaScript, no CDN); the page gives a text alternative."""

from decimal import Decimal

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

COLOURS = ("#0b4f8a", "#b35900", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457")
MONTHS = tuple(
    gettext_lazy(month)
    for month in (
        "Jan",
        "Feb",
        "Mär",
        "Apr",
        "Mai",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Okt",
        "Nov",
        "Dez",
    )
)
WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 640, 260, 40, 10, 30
PLOT_W, PLOT_H = WIDTH - LEFT - 160, HEIGHT - TOP - BOTTOM
LEGEND_X = LEFT + PLOT_W + 12
DASHED = ' stroke-dasharray="6 4"'


def _x(month: int) -> float:
    return LEFT + month * PLOT_W / 11


def _y(value) -> float:
    return TOP + PLOT_H - min(float(value), 100.0) * PLOT_H / 100


def _polyline(values: list[Decimal], colour: str, style: str = "") -> str:
    points = " ".join(f"{_x(m):.1f},{_y(v):.1f}" for m, v in enumerate(values))
    return f'<polyline fill="none" stroke="{colour}" stroke-width="2"{style} points="{points}"/>'


def _legend_top(row: int) -> int:
    return TOP + 14 + row * 16


def _legend_text(top: int, label: str) -> str:
    return f'<text x="{LEGEND_X + 22}" y="{top}">{escape(label)}</text>'


def usage_chart_svg(series: dict[str, dict[str, list[Decimal]]]) -> str:
    """Monthly usage (0–100 %, more is cut at the top) per source: committed as a solid line,
    paid out as a dashed line in the same colour; the legend explains both."""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-hidden="true" font-family="sans-serif" font-size="11">'
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + PLOT_W}" y1="{_y(tick):.1f}" y2="{_y(tick):.1f}" '
            f'stroke="#ddd"/><text x="{LEFT - 4}" y="{_y(tick) + 4:.1f}" text-anchor="end">'
            f"{tick} %</text>"
        )
    for month, label in enumerate(MONTHS):
        parts.append(
            f'<text x="{_x(month):.1f}" y="{HEIGHT - 8}" text-anchor="middle">'
            f"{escape(label)}</text>"
        )
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        parts.append(_polyline(values["committed"], colour))
        parts.append(_polyline(values["paid"], colour, DASHED))
        top = _legend_top(index)
        parts.append(
            f'<rect x="{LEGEND_X + 3}" y="{top - 9}" width="10" height="10" fill="{colour}"/>'
            + _legend_text(top, name[:24])
        )
    styles = ((_("gebunden"), ""), (_("ausgezahlt"), DASHED))
    for offset, (label, style) in enumerate(styles):
        top = _legend_top(len(series) + 1 + offset)  # after an empty row below the sources
        parts.append(
            f'<line x1="{LEGEND_X}" x2="{LEGEND_X + 16}" y1="{top - 4}" y2="{top - 4}" '
            f'stroke="#333" stroke-width="2"{style}/>' + _legend_text(top, label)
        )
    parts.append("</svg>")
    return "".join(parts)
