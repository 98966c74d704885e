"""Reads of reports for the portal: a fixed number of queries, whatever the number of rows."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from core.money import sum_money
from grants.models import (
    ApplicationIndicator,
    CostLine,
    FinancingLine,
    IndicatorActual,
    Receipt,
    Report,
)
from grants.reports.rules import receipt_flag


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


@dataclass(frozen=True)
class CheckedReceipt:
    """A receipt of the Belegliste with the reason it is flagged as not eligible (or None)."""

    receipt: Receipt
    flag: str | None

    @property
    def flagged(self) -> bool:
        return self.flag is not None


RECEIPT_SORTS = {
    "date": lambda row: (row.receipt.date, row.receipt.number),
    "amount": lambda row: (row.receipt.amount, row.receipt.number),
    "payee": lambda row: (row.receipt.payee.casefold(), row.receipt.number),
}


@dataclass(frozen=True)
class ReceiptsCheck:
    """The Belegliste for the staff check: rows in the chosen order and the three sums."""

    rows: list[CheckedReceipt]
    sort: str  # "" (flagged first), or a key of RECEIPT_SORTS, "-" in front for descending
    total: Decimal
    eligible: Decimal
    flagged: Decimal

    @property
    def flagged_count(self) -> int:
        return sum(1 for row in self.rows if row.flagged)


def receipts_for_check(report: Report, sort: str = "") -> ReceiptsCheck:
    """The report's receipts (prefetched) flagged by `receipt_flag`, sorted by `sort`
    (date, amount or payee; "-" in front for descending); by default the flagged ones first,
    then by number."""
    application = report.application
    rows = [CheckedReceipt(r, receipt_flag(r, application)) for r in report.receipts.all()]
    key = RECEIPT_SORTS.get(sort.removeprefix("-"))
    if key is None:
        sort = ""
        rows.sort(key=lambda row: (not row.flagged, row.receipt.number))
    else:
        rows.sort(key=key, reverse=sort.startswith("-"))
    flagged = sum_money(row.receipt.amount for row in rows if row.flagged)
    total = sum_money(row.receipt.amount for row in rows)
    return ReceiptsCheck(
        rows=rows, sort=sort, total=total, eligible=total - flagged, flagged=flagged
    )
