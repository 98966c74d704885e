"""The portfolio view's figures for the filtered grants, in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from budgeting.portfolio.figures import min_cell
from budgeting.portfolio.filters import PortfolioFilter
from budgeting.portfolio.indicators import IndicatorSummary, indicator_summary
from budgeting.portfolio.money import (
    NO_DISTRICT,
    NO_THEME,
    Grant,
    MoneyTable,
    annotate_money,
    district_buckets,
    grants_of,
    split_table,
    theme_buckets,
)
from core.money import ZERO
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


def first_grant_years(grant_pks) -> dict[int, int]:
    """The year of each organisation's first grant ever, for the organisations of the grants."""
    organisations = Application.objects.filter(pk__in=grant_pks).values("organisation_id")
    rows = (
        Application.objects.filter(
            status__in=GRANTED_STATUSES,
            decision__isnull=False,
            organisation_id__in=organisations,
        )
        .order_by()
        .values("organisation_id")
        .annotate(first=Min("decision__decided_at"))
        .values_list("organisation_id", "first")
    )
    return {organisation: timezone.localtime(first).year for organisation, first in rows}


def key_figures(grants: list[Grant], first_years: dict[int, int], **extra) -> KeyFigures:
    organisations = {grant.organisation_id for grant in grants}
    new = {g.organisation_id for g in grants if first_years.get(g.organisation_id) == g.year}
    return (YearFigures if extra else KeyFigures)(
        grants=len(grants),
        approved=sum((grant.approved for grant in grants), ZERO),
        payouts=sum((grant.payouts for grant in grants), ZERO),
        refunds=sum((grant.refunds for grant in grants), ZERO),
        organisations=len(organisations),
        first_time=len(new),
        **extra,
    )


def portfolio(params) -> Portfolio:
    """Key figures, money by theme and district per year, and indicator targets vs actuals of
    the grants that the filter selects: five queries whatever their number (plus one per
    chosen programme, theme, district or organisation, to check the filter)."""
    filterset = PortfolioFilter(params, queryset=grants_queryset())
    grant_pks = filterset.qs.order_by().values("pk")
    grants = grants_of(annotate_money(filterset.qs))
    first_years = first_grant_years(grant_pks)
    per_year = defaultdict(list)
    for grant in grants:
        per_year[grant.year].append(grant)
    return Portfolio(
        filter=filterset,
        figures=key_figures(grants, first_years),
        years=[key_figures(per_year[year], first_years, year=year) for year in sorted(per_year)],
        by_theme=split_table(grants, theme_buckets(grants), NO_THEME),
        by_district=split_table(grants, district_buckets(grant_pks), NO_DISTRICT),
        indicators=indicator_summary(grant_pks),
        min_cell=min_cell(),
    )
