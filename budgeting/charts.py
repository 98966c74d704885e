"""A small line chart as SVG (no JavaScript, no CDN); the page gives a text alternative."""

from decimal import Decimal

from django.utils.html import escape

COLOURS = ("#0b4f8a", "#b35900", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457")
MONTHS = ("Jan", "Feb", "Mär", "Apr", "Mai", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dez")
WIDTH, HEIGHT, LEFT, TOP, BOTTOM = 640, 260, 40, 10, 30


def usage_chart_svg(series: dict[str, list[Decimal]]) -> str:
    """Monthly usage (0–100 %, more is cut at the top) per source as lines with a legend."""
    plot_w, plot_h = WIDTH - LEFT - 160, HEIGHT - TOP - BOTTOM

    def x(month):
        return LEFT + month * plot_w / 11

    def y(value):
        return TOP + plot_h - min(float(value), 100.0) * plot_h / 100

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        'role="img" aria-hidden="true" font-family="sans-serif" font-size="11">'
    ]
    for tick in (0, 25, 50, 75, 100):
        parts.append(
            f'<line x1="{LEFT}" x2="{LEFT + plot_w}" y1="{y(tick):.1f}" y2="{y(tick):.1f}" '
            f'stroke="#ddd"/><text x="{LEFT - 4}" y="{y(tick) + 4:.1f}" text-anchor="end">'
            f"{tick} %</text>"
        )
    for month, label in enumerate(MONTHS):
        parts.append(
            f'<text x="{x(month):.1f}" y="{HEIGHT - 8}" text-anchor="middle">{label}</text>'
        )
    for index, (name, values) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        points = " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in enumerate(values))
        parts.append(
            f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
        )
        legend_y = TOP + 14 + index * 16
        parts.append(
            f'<rect x="{LEFT + plot_w + 12}" y="{legend_y - 9}" width="10" height="10" '
            f'fill="{colour}"/><text x="{LEFT + plot_w + 26}" y="{legend_y}">'
            f"{escape(name[:24])}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
