"""Reads of the impact indicators: a fixed number of queries, whatever the number of rows."""

from dataclasses import dataclass

from django.db.models import Prefetch

from grants.models import Application, ApplicationIndicator, IndicatorActual, Report


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator of the application beside the report's actual value, if any."""

    indicator: ApplicationIndicator
    actual: IndicatorActual | None


@dataclass(frozen=True)
class ReportActuals:
    """One report with the actual values it gave, in the order of the indicators."""

    report: Report
    actuals: list[IndicatorActual]


def application_indicators(application: Application) -> list[ApplicationIndicator]:
    """The application's indicators with their catalogue entries and every report's actual."""
    actuals = IndicatorActual.objects.select_related("report", "confirmed_by").order_by(
        "report__due_on", "report__pk"
    )
    return list(
        application.indicators.select_related("indicator").prefetch_related(
            Prefetch("actuals", queryset=actuals)
        )
    )


def actuals_by_report(indicators: list[ApplicationIndicator]) -> list[ReportActuals]:
    """The prefetched actuals of the indicators, grouped by report in the order reports are due."""
    groups: dict[int, ReportActuals] = {}
    for indicator in indicators:
        for actual in indicator.actuals.all():
            group = groups.setdefault(actual.report_id, ReportActuals(actual.report, []))
            group.actuals.append(actual)
    return sorted(groups.values(), key=lambda g: (g.report.due_on, g.report.pk))


def report_indicator_rows(report: Report) -> list[IndicatorRow]:
    """The application's indicators with this report's actuals (from the prefetched rows)."""
    actuals = {actual.application_indicator_id: actual for actual in report.indicator_actuals.all()}
    return [
        IndicatorRow(indicator=indicator, actual=actuals.get(indicator.pk))
        for indicator in report.application.indicators.all()
    ]
