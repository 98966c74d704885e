"""Reads of reports for the portal: a fixed number of queries, whatever the number of rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from grants.models import (
    ApplicationIndicator,
    CostLine,
    FinancingLine,
    IndicatorActual,
    Receipt,
    Report,
)


def report_for_member(user, pk: int) -> Report:
    """A report of one of the user's organisations, with its plan, actuals and receipts, or 404."""
    queryset = (
        Report.objects.for_member(user)
        .select_related("application__call__programme", "application__organisation")
        .prefetch_related(
            "application__cost_lines",
            "application__financing_lines",
            "cost_actuals",
            "income_actuals",
            "checks",
            Prefetch("receipts", queryset=Receipt.objects.select_related("cost_line")),
            *report_indicator_prefetches(),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def report_indicator_prefetches() -> tuple[Prefetch, Prefetch]:
    """The application's indicators and the report's actuals, in two queries."""
    return (
        Prefetch(
            "application__indicators",
            queryset=ApplicationIndicator.objects.select_related("indicator"),
        ),
        Prefetch(
            "indicator_actuals",
            queryset=IndicatorActual.objects.select_related(
                "confirmed_by", "application_indicator__indicator"
            ),
        ),
    )


def reports_of_application(application):
    """The reports a grant owes, in the order they are due."""
    return application.reports.order_by("due_on", "pk")


@dataclass(frozen=True)
class PlanActual:
    """A line of the plan beside what the report says was actually spent or received."""

    line: CostLine | FinancingLine
    actual: Decimal | None
    comment: str

    @property
    def planned(self) -> Decimal:
        return self.line.amount

    @property
    def difference(self) -> Decimal | None:
        return None if self.actual is None else self.actual - self.line.amount


def report_plan_rows(report: Report) -> tuple[list[PlanActual], list[PlanActual]]:
    """Cost lines and financing lines with their actuals (from the prefetched rows)."""
    costs = {actual.cost_line_id: actual for actual in report.cost_actuals.all()}
    income = {actual.financing_line_id: actual for actual in report.income_actuals.all()}
    application = report.application
    return (
        [_row(line, costs.get(line.pk)) for line in application.cost_lines.all()],
        [_row(line, income.get(line.pk)) for line in application.financing_lines.all()],
    )


def _row(line, actual) -> PlanActual:
    if actual is None:
        return PlanActual(line=line, actual=None, comment="")
    return PlanActual(line=line, actual=actual.amount, comment=actual.comment)
