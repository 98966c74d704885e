"""The portfolio's bar charts: SVG hidden from screen readers, names escaped, one bar per year,
and a suppressed figure drawn without a bar and read as "< 5"."""

from decimal import Decimal

from budgeting.portfolio.charts import indicator_chart_svg, money_chart_svg
from budgeting.portfolio.figures import figure
from budgeting.portfolio.indicators import IndicatorRow
from budgeting.portfolio.money import MoneyRow, MoneyTable


def people(value):
    return figure(Decimal(value), unit="count", about_people=True)


def test_the_money_chart_has_a_bar_per_year_and_escapes_names():
    table = MoneyTable(
        years=[2025, 2026],
        rows=[
            MoneyRow(
                "<script>alert(1)</script>",
                [Decimal("100.00"), Decimal("300.00")],
                Decimal("400.00"),
            ),
            MoneyRow("Bildung & Sprache", [Decimal("0.00"), Decimal("150.00")], Decimal("150.00")),
        ],
    )
    svg = money_chart_svg(table)
    assert svg.startswith("<svg") and 'aria-hidden="true"' in svg
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Bildung &amp; Sprache" in svg
    assert svg.count('height="12"') == 4  # two categories × two years
    assert "300,00\u00a0€" in svg and ">2025<" in svg and ">2026<" in svg


def test_the_indicator_chart_draws_no_bar_for_a_suppressed_figure():
    row = IndicatorRow(
        code="TN",
        name="Erreichte Teilnehmende",
        programme="Nachbarschaft",
        unit="count",
        aggregation="sum",
        grants=1,
        reporting=1,
        target=people("10"),
        target_reporting=people("10"),
        actual=people("3"),
        statuses={},
    )
    svg = indicator_chart_svg([row])
    assert "&lt; 5" in svg and ">3<" not in svg
    assert 'width="0.0" height="12"' in svg  # the actual has no bar
    assert "Ziel (berichtende Bewilligungen)" in svg and ">Ist<" in svg


def test_the_indicator_chart_leaves_out_indicators_without_reports():
    row = IndicatorRow("TN", "Teilnehmende", "P", "count", "sum", 2, 0, *[people("10")] * 3, {})
    assert indicator_chart_svg([row]) == ""
