"""Reads of budget lines, allocations and commitments; amounts come from the ledger."""

from django.db import models
from django.utils import timezone

from budgeting.models import BudgetAllocation, BudgetLine, LedgerEntry, PaymentRequest
from budgeting.models.line import net_committed
from grants.models import Application


def budget_lines_with_amounts() -> models.QuerySet[BudgetLine]:
    """All budget lines with `committed` and `free`, ready to print."""
    return BudgetLine.objects.with_amounts().select_related("programme", "source")


def application_budget_year(application: Application) -> int:
    """The fiscal year an application is planned in: its project start, else this year."""
    if application.project_start is not None:
        return application.project_start.year
    return timezone.localdate().year


def budget_lines_for_application(
    application: Application, year: int | None = None
) -> models.QuerySet[BudgetLine]:
    """The lines of the application's programme for the year, with `committed` and `free`."""
    year = application_budget_year(application) if year is None else year
    return budget_lines_with_amounts().filter(programme__calls=application.call_id, year=year)


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
