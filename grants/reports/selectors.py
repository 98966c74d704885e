"""Reads of reports for the portal: a fixed number of queries, whatever the number of rows."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from grants.models import Receipt, Report


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
        )
    )
    return get_object_or_404(queryset, pk=pk)


def reports_of_application(application):
    """The reports a grant owes, in the order they are due."""
    return application.reports.order_by("due_on", "pk")
