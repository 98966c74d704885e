"""Reads of budget lines, allocations and commitments; amounts come from the ledger."""

from dataclasses import dataclass
from decimal import Decimal

from django.db import models
from django.db.models import DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from budgeting.filters import BudgetLineFilter, PaymentRequestFilter, default_year
from budgeting.models import (
    BudgetAllocation,
    BudgetLine,
    FundingSource,
    FundingSourceKind,
    LedgerEntry,
    LedgerEntryKind,
    PaymentRequest,
)
from budgeting.models.line import ledger_sum, net_committed
from grants.filters import GrantFilter
from grants.models import (
    GRANTED_STATUSES,
    Application,
    ApplicationStatus,
    FinancingKind,
    FinancingLine,
)


def budget_lines_with_amounts() -> models.QuerySet[BudgetLine]:
    """All budget lines with `committed` and `free`, ready to print."""
    return BudgetLine.objects.with_amounts().select_related("programme", "source")


def application_budget_year(application: Application) -> int:
    """The fiscal year an application is planned in: its project start, else this year."""
    if application.project_start is not None:
        return application.project_start.year
    return timezone.localdate().year


def application_budget_years(application: Application) -> list[int]:
    """Every fiscal year the project runs in (a multi-year grant is committed in each)."""
    first = application_budget_year(application)
    last = application.project_end.year if application.project_end else first
    return list(range(first, max(first, last) + 1))


def budget_lines_for_application(
    application: Application, year: int | None = None
) -> models.QuerySet[BudgetLine]:
    """The lines of the application's programme for its project years (or the given year),
    with `committed` and `free`."""
    years = application_budget_years(application) if year is None else [year]
    return (
        budget_lines_with_amounts()
        .filter(programme__calls=application.call_id, year__in=years)
        .order_by("year", "source__name", "pk")
    )


def allocations_of(application: Application) -> models.QuerySet[BudgetAllocation]:
    """The planned allocations of an application, with their lines and sources."""
    return (
        BudgetAllocation.objects.filter(application=application)
        .select_related("budget_line__programme", "budget_line__source")
        .order_by("budget_line_id")
    )


def commitments_of(application: Application) -> models.QuerySet[BudgetLine]:
    """Lines on which the application has a net commitment, annotated as `application_committed`."""
    return (
        BudgetLine.objects.filter(
            pk__in=LedgerEntry.objects.filter(application=application).values("budget_line")
        )
        .annotate(application_committed=net_committed(application=application))
        .filter(application_committed__gt=0)
        .select_related("programme", "source")
        .order_by("pk")
    )


def payment_requests_of(application: Application):
    """The application's payment requests, newest first."""
    return PaymentRequest.objects.filter(application=application).order_by("-requested_at", "-pk")


@dataclass(frozen=True)
class SourceTotals:
    """The dashboard's figures of one funding source (or of all)."""

    name: str
    available: Decimal
    pipeline: Decimal
    committed: Decimal
    paid: Decimal
    refunds: Decimal
    free: Decimal

    @property
    def usage(self) -> Decimal:
        return (self.committed / self.available * 100) if self.available else Decimal(0)


FIGURES = ("available", "pipeline", "committed", "paid", "refunds", "free")


def _totals(name, lines) -> SourceTotals:
    return SourceTotals(
        name, *(sum((getattr(line, f) for line in lines), Decimal("0.00")) for f in FIGURES)
    )


def finance_dashboard(params):
    """The filtered lines with their figures and the totals per source (one query)."""
    params = params.copy()
    params.setdefault("year", str(default_year()))
    filterset = BudgetLineFilter(
        params,
        queryset=BudgetLine.objects.with_sheet_figures()
        .select_related("programme", "source")
        .order_by("source__name", "programme__name", "produkt", "pk"),
    )
    lines = list(filterset.qs)
    by_source: dict[str, list] = {}
    for line in lines:
        by_source.setdefault(line.source.name, []).append(line)
    return {
        "filter": filterset,
        "lines": lines,
        "sources": [_totals(name, group) for name, group in by_source.items()],
        "total": _totals("", lines),
        "usage_by_month": usage_by_month(lines),
    }


# A refund is paid money flowing back, so "paid" is the net outflow (payouts − refunds).
USAGE_SIGNS = {
    LedgerEntryKind.COMMITMENT: ("committed", 1),
    LedgerEntryKind.RELEASE: ("committed", -1),
    LedgerEntryKind.PAYOUT: ("paid", 1),
    LedgerEntryKind.REFUND: ("paid", -1),
}


def usage_by_month(lines) -> dict[str, dict[str, list[Decimal]]]:
    """Per source, the share of its available money committed and paid out at the end of each
    month (%, cumulative), as `{"committed": [12 values], "paid": [12 values]}` (one query)."""
    available: dict[str, Decimal] = {}
    for line in lines:
        available[line.source.name] = available.get(line.source.name, Decimal(0)) + line.available
    monthly = {
        name: {"committed": [Decimal(0)] * 12, "paid": [Decimal(0)] * 12} for name in available
    }
    # Summed in the database per source, kind and local month: a year has 100,000 bookings.
    sums = (
        LedgerEntry.objects.filter(
            budget_line__in=[line.pk for line in lines], kind__in=tuple(USAGE_SIGNS)
        )
        .annotate(month=ExtractMonth("booked_at"))
        .order_by()
        .values_list("budget_line__source__name", "kind", "month")
        .annotate(total=Sum("amount"))
    )
    for source, kind, month, total in sums:
        series, sign = USAGE_SIGNS[kind]
        monthly[source][series][month - 1] += sign * total
    return {
        name: {key: _cumulative_shares(amounts, available[name]) for key, amounts in series.items()}
        for name, series in monthly.items()
    }


def _cumulative_shares(amounts: list[Decimal], available: Decimal) -> list[Decimal]:
    running, points = Decimal(0), []
    for amount in amounts:
        running += amount
        share = running / available * 100 if available else Decimal(0)
        points.append(share.quantize(Decimal("0.1")))
    return points


def cofunders():
    """Every funding source other than the city's own budget."""
    return FundingSource.objects.exclude(kind=FundingSourceKind.CITY).order_by("name")


def cofunder_overview(source: FundingSource) -> dict:
    """Pledged, received, committed, paid and free for one co-funder, and the projects its
    money reaches directly (a third-party line naming it in the applicant's plan)."""
    lines = list(
        BudgetLine.objects.filter(source=source)
        .with_sheet_figures()
        .select_related("programme")
        .order_by("-year", "programme__name", "pk")
    )
    pledges = list(
        source.pledges.select_related("budget_line__programme").annotate(
            received=Coalesce(
                Sum("ledger_entries__amount", filter=Q(ledger_entries__kind="cofunding")),
                Value(Decimal("0.00")),
                output_field=DecimalField(max_digits=14, decimal_places=2),
            )
        )
    )
    direct = list(
        FinancingLine.objects.filter(
            kind=FinancingKind.FOUNDATION, source_name__icontains=source.name
        )
        .exclude(application__status=ApplicationStatus.DRAFT)
        .select_related("application__organisation", "application__call__programme")
        .order_by("application__reference")
    )
    return {
        "source": source,
        "lines": lines,
        "pledges": pledges,
        "direct": direct,
        "totals": {
            "pledged": sum((p.amount for p in pledges), Decimal("0.00")),
            "received": sum((p.received for p in pledges), Decimal("0.00")),
            "committed": sum((line.committed for line in lines), Decimal("0.00")),
            "paid": sum((line.paid for line in lines), Decimal("0.00")),
            "free": sum((line.free for line in lines), Decimal("0.00")),
            "direct": sum((line.amount for line in direct), Decimal("0.00")),
        },
    }


def payment_requests_for_staff(params):
    """Payment requests as staff filter them, newest first."""
    queryset = PaymentRequest.objects.select_related("application__organisation").order_by(
        "-requested_at", "-pk"
    )
    return PaymentRequestFilter(params, queryset=queryset)


def grants_for_staff(params):
    """Approved applications with `approved` (net commitment), `paid` and `refunded` from the
    ledger, newest decision first, as staff filter them."""
    queryset = (
        Application.objects.filter(status__in=GRANTED_STATUSES)
        .select_related("call__programme", "organisation", "decision")
        .annotate(
            approved=net_committed(per="application"),
            paid=ledger_sum(LedgerEntryKind.PAYOUT, per="application"),
            refunded=ledger_sum(LedgerEntryKind.REFUND, per="application"),
        )
        .order_by("-decision__decided_at", "-pk")
    )
    return GrantFilter(params, queryset=queryset)
