"""The money of the filtered grants from the ledger, and its split by theme and district."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext_lazy as _

from budgeting.models import LedgerEntryKind
from budgeting.models.line import amount_field
from core.money import ZERO, split_evenly
from grants.models import Application, Programme

NO_THEME = _("ohne Handlungsfeld")
NO_DISTRICT = _("ohne Stadtbezirk")


@dataclass(frozen=True)
class Grant:
    pk: int
    organisation_id: int
    programme_id: int
    year: int
    approved: Decimal  # net commitment: commitments − releases
    payouts: Decimal
    refunds: Decimal


def _ledger(kind: str) -> models.Sum:
    return models.Sum(
        "ledger_entries__amount",
        filter=models.Q(ledger_entries__kind=kind),
        default=ZERO,
        output_field=amount_field(),
    )


def annotate_money(queryset: models.QuerySet[Application]) -> models.QuerySet[Application]:
    """The grant's money from the ledger, summed in one pass over the joined bookings (a
    correlated subquery per grant and kind reads the ledger once per grant: 40,000 times)."""
    return queryset.annotate(
        approved=models.ExpressionWrapper(
            _ledger(LedgerEntryKind.COMMITMENT) - _ledger(LedgerEntryKind.RELEASE),
            output_field=amount_field(),
        ),
        payouts=_ledger(LedgerEntryKind.PAYOUT),
        refunds=_ledger(LedgerEntryKind.REFUND),
    )


def grants_of(queryset: models.QuerySet[Application]) -> list[Grant]:
    """The grants with their money and the year of the decision (local time), one query."""
    rows = (
        queryset.annotate(year=ExtractYear("decision__decided_at"))
        .order_by("pk")
        .values_list(
            "pk", "organisation_id", "call__programme_id", "year", "approved", "payouts", "refunds"
        )
    )
    return [Grant(*row) for row in rows]


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


def split_table(grants: list[Grant], buckets: dict[int, list[tuple]], none_label) -> MoneyTable:
    """Split each grant's approved money evenly over its buckets (split_money: the parts add up
    to the whole); a grant without a bucket goes to `none_label`. `buckets` maps a grant to
    its (sort key, name) pairs in a fixed order."""
    years = sorted({grant.year for grant in grants})
    sums: dict[tuple, dict[int, Decimal]] = defaultdict(lambda: defaultdict(lambda: ZERO))
    for grant in grants:
        keys = buckets.get(grant.pk) or [((1, 0), str(none_label))]
        for key, part in zip(keys, split_evenly(grant.approved, len(keys)), strict=True):
            sums[key][grant.year] += part
    table = MoneyTable(years=years)
    for (_sort, name), per_year in sorted(sums.items()):
        amounts = [per_year[year] for year in years]
        table.rows.append(MoneyRow(name, amounts, sum(amounts, ZERO)))
    table.totals = [sum((row.amounts[i] for row in table.rows), ZERO) for i in range(len(years))]
    table.total = sum(table.totals, ZERO)
    return table


def theme_buckets(grants: list[Grant]) -> dict[int, list[tuple]]:
    """Each grant's themes (those of its programme), ordered by name (one query)."""
    through = Programme.themes.through.objects.filter(
        programme_id__in={grant.programme_id for grant in grants}
    )
    themes: dict[int, list[tuple]] = defaultdict(list)
    for programme, theme, name in through.order_by("theme__name", "theme_id").values_list(
        "programme_id", "theme_id", "theme__name"
    ):
        themes[programme].append(((0, name, theme), name))
    return {grant.pk: themes[grant.programme_id] for grant in grants if themes[grant.programme_id]}


def district_buckets(grant_pks) -> dict[int, list[tuple]]:
    """Each grant's districts, ordered by their number (one query)."""
    through = Application.districts.through.objects.filter(application__in=grant_pks)
    buckets: dict[int, list[tuple]] = defaultdict(list)
    labels = {}
    for application, district, number, name in through.order_by("district__number").values_list(
        "application_id", "district_id", "district__number", "district__name"
    ):
        if district not in labels:
            labels[district] = ((0, number), name)
        buckets[application].append(labels[district])
    return buckets
