"""Indicator targets vs actuals of the filtered grants, per catalogue indicator.

An actual is the value of the grant's latest report that was handed in (submitted or
accepted; the latest by the end of its period). Own indicators of applications measure
different things each, so they are counted but not summed up."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from budgeting.portfolio.figures import Figure, figure
from grants.models import (
    ApplicationIndicator,
    IndicatorActual,
    IndicatorAggregation,
    IndicatorStatus,
    IndicatorUnit,
    Report,
    ReportStatus,
)

REPORTED_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
FIELDS = (
    "indicator_id",
    "indicator__programme__name",
    "indicator__position",
    "indicator__code",
    "indicator__name",
    "indicator__unit",
    "indicator__aggregation",
    "indicator__about_people",
    "application_id",
    "target",
    "actual_value",
    "actual_status",
)


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    name: str
    programme: str
    unit: str
    aggregation: str
    grants: int  # grants that chose the indicator
    reporting: int  # of them, grants whose latest report gives a value
    target: Figure  # over all grants that chose it
    target_reporting: Figure  # over the reporting grants: what `actual` is measured against
    actual: Figure
    statuses: dict[str, int]

    @property
    def unit_label(self) -> str:
        return IndicatorUnit(self.unit).label

    @property
    def aggregation_label(self) -> str:
        return IndicatorAggregation(self.aggregation).label


@dataclass(frozen=True)
class IndicatorSummary:
    rows: list[IndicatorRow]
    own_indicators: int
    own_grants: int


def own_indicators_note(summary: IndicatorSummary) -> str:
    return _(
        "%(count)s eigene Indikatoren aus %(grants)s Bewilligungen sind nicht zusammengefasst."
    ) % {"count": summary.own_indicators, "grants": summary.own_grants}


def aggregate(values: list[Decimal], aggregation: str) -> Decimal | None:
    """A sum for "sum", the mean (to the cent, half up) for "mean" and "rate"."""
    if not values:
        return None
    total = sum(values, Decimal(0))
    if aggregation == IndicatorAggregation.SUM:
        return total
    return (total / len(values)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def indicator_rows(grant_pks):
    """Each indicator of the grants with its target and latest actual (one query)."""
    latest = (
        Report.objects.filter(application=OuterRef("application_id"), status__in=REPORTED_STATUSES)
        .order_by("-period_end", "-pk")
        .values("pk")[:1]
    )
    actual = IndicatorActual.objects.filter(
        application_indicator=OuterRef("pk"), report=OuterRef("latest_report")
    ).order_by()  # one actual per report and indicator
    return (
        ApplicationIndicator.objects.filter(application__in=grant_pks)
        .annotate(latest_report=Subquery(latest))
        .annotate(
            actual_value=Subquery(actual.values("value")[:1]),
            actual_status=Subquery(actual.values("status")[:1]),
        )
        .order_by()
        .values(*FIELDS)
    )


def indicator_summary(grant_pks) -> IndicatorSummary:
    groups, own, own_grants = defaultdict(list), 0, set()
    for row in indicator_rows(grant_pks):
        if row["indicator_id"] is None:
            own += 1
            own_grants.add(row["application_id"])
        else:
            groups[row["indicator_id"]].append(row)
    ordered = sorted(groups.values(), key=lambda items: [items[0][f] for f in FIELDS[1:4]])
    return IndicatorSummary([_row(items) for items in ordered], own, len(own_grants))


def _row(items: list[dict]) -> IndicatorRow:
    first = items[0]
    unit, how = first["indicator__unit"], first["indicator__aggregation"]
    reporting = [item for item in items if item["actual_value"] is not None]

    def shown(values):
        return figure(
            aggregate(values, how), unit=unit, about_people=first["indicator__about_people"]
        )

    return IndicatorRow(
        code=first["indicator__code"],
        name=first["indicator__name"],
        programme=first["indicator__programme__name"],
        unit=unit,
        aggregation=how,
        grants=len(items),
        reporting=len(reporting),
        target=shown([i["target"] for i in items if i["target"] is not None]),
        target_reporting=shown([i["target"] for i in reporting if i["target"] is not None]),
        actual=shown([i["actual_value"] for i in reporting]),
        statuses={
            status: sum(1 for item in items if item["actual_status"] == status)
            for status in IndicatorStatus.values
        },
    )
