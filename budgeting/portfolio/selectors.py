"""The portfolio view's figures for the filtered grants, in a fixed number of queries."""

from dataclasses import dataclass
from decimal import Decimal

from budgeting.portfolio.figures import min_cell
from budgeting.portfolio.filters import PortfolioFilter
from budgeting.portfolio.indicators import IndicatorSummary, indicator_summary
from budgeting.portfolio.money import MoneyTable, district_table, programme_themes, theme_table
from budgeting.portfolio.sums import Counts, cents_to_euro, portfolio_sums
from grants.models import GRANTED_STATUSES, Application


@dataclass(frozen=True)
class KeyFigures:
    """Figures of a set of grants. An organisation counts as reached for the first time when
    its first grant ever (in any programme) was decided in the year of one of these grants."""

    grants: int
    approved: Decimal
    payouts: Decimal
    refunds: Decimal
    organisations: int
    first_time: int

    @property
    def paid(self) -> Decimal:
        """Paid out net: payouts − refunds received."""
        return self.payouts - self.refunds


@dataclass(frozen=True)
class YearFigures(KeyFigures):
    year: int = 0


@dataclass(frozen=True)
class Portfolio:
    filter: PortfolioFilter
    figures: KeyFigures
    years: list[YearFigures]
    by_theme: MoneyTable
    by_district: MoneyTable
    indicators: IndicatorSummary
    min_cell: int


def grants_queryset():
    """Grants: approved applications with their decision."""
    return Application.objects.filter(status__in=GRANTED_STATUSES, decision__isnull=False)


def key_figures(counts: Counts, **extra) -> KeyFigures:
    return (YearFigures if extra else KeyFigures)(
        grants=counts.grants,
        approved=cents_to_euro(counts.approved),
        payouts=cents_to_euro(counts.payouts),
        refunds=cents_to_euro(counts.refunds),
        organisations=counts.organisations,
        first_time=counts.first_time,
        **extra,
    )


def portfolio(params) -> Portfolio:
    """Key figures, money by theme and district per year, and indicator targets vs actuals of
    the grants that the filter selects: five queries whatever their number (plus the filter
    form's choices)."""
    filterset = PortfolioFilter(params, queryset=grants_queryset())
    themes = programme_themes()
    sums = portfolio_sums(filterset.qs, {pk: len(items) for pk, items in themes.items()})
    years = sorted(sums.years)
    return Portfolio(
        filter=filterset,
        figures=key_figures(sums.total),
        years=[key_figures(sums.years[year], year=year) for year in years],
        by_theme=theme_table(sums, themes, years),
        by_district=district_table(sums, years),
        indicators=indicator_summary(filterset.qs.order_by().values("pk")),
        min_cell=min_cell(),
    )
