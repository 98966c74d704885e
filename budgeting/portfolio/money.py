"""The money tables of the portfolio: approved money by theme and by district per year, from the
sums of budgeting.portfolio.sums (a grant's money split evenly over its themes or districts,
the parts adding up to the whole)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from budgeting.portfolio.sums import Sums, cents_to_euro
from core.models import District
from core.money import ZERO
from grants.models import Programme

NO_THEME = _("ohne Handlungsfeld")
NO_DISTRICT = _("ohne Stadtbezirk")


@dataclass
class MoneyRow:
    name: str
    amounts: list[Decimal]  # one per year of the table
    total: Decimal


@dataclass
class MoneyTable:
    """Approved money per category (theme or district) and year; the columns add up to the
    approved money of the year, the rows to the category's total."""

    years: list[int]
    rows: list[MoneyRow] = field(default_factory=list)
    totals: list[Decimal] = field(default_factory=list)
    total: Decimal = ZERO

    @property
    def max_amount(self) -> Decimal:
        return max((a for row in self.rows for a in row.amounts), default=ZERO)


def money_table(cents: dict[tuple, dict[int, int]], years: list[int]) -> MoneyTable:
    """The table from cents per (sort key, name) and year, rows in the order of their keys."""
    table = MoneyTable(years=years)
    for (_sort, name), per_year in sorted(cents.items()):
        amounts = [cents_to_euro(per_year.get(year, 0)) for year in years]
        table.rows.append(MoneyRow(name, amounts, sum(amounts, ZERO)))
    table.totals = [sum((row.amounts[i] for row in table.rows), ZERO) for i in range(len(years))]
    table.total = sum(table.totals, ZERO)
    return table


def programme_themes() -> dict[int, list[tuple]]:
    """Each programme's themes as (sort key, name), ordered by name (one query); a grant's
    money is split over its programme's themes in this order, the last taking the rest."""
    through = Programme.themes.through.objects.order_by("theme__name", "theme_id")
    themes: dict[int, list[tuple]] = defaultdict(list)
    for programme, theme, name in through.values_list("programme_id", "theme_id", "theme__name"):
        themes[programme].append(((0, name, theme), name))
    return themes


def theme_table(sums: Sums, themes: dict[int, list[tuple]], years: list[int]) -> MoneyTable:
    """Per programme and year the sums give Σ a and Σ round(a / n): every theme but the last
    gets the second, the last the first minus (n − 1) times the second."""
    cents: dict[tuple, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for (programme, year), (total, share) in sums.programmes.items():
        buckets = themes.get(programme)
        if not buckets:
            cents[((1, 0), str(NO_THEME))][year] += total
            continue
        for key in buckets[:-1]:
            cents[key][year] += share
        cents[buckets[-1]][year] += total - (len(buckets) - 1) * share
    return money_table(cents, years)


def district_table(sums: Sums, years: list[int]) -> MoneyTable:
    """The sums' cents per district (split in the query) with the districts' names, by number
    (one query)."""
    labels = {
        pk: ((0, number), name)
        for pk, number, name in District.objects.values_list("pk", "number", "name")
    }
    cents: dict[tuple, dict[int, int]] = defaultdict(lambda: defaultdict(int))
    for (district, year), amount in sums.districts.items():
        key = labels[district] if district is not None else ((1, 0), str(NO_DISTRICT))
        cents[key][year] += amount
    return money_table(cents, years)
