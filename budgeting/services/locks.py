"""Row locks shared by the budget services; always application first, then lines by pk."""

from collections.abc import Iterable

from budgeting.models import BudgetLine
from budgeting.selectors import budget_lines_with_amounts
from grants.models import Application


def lock_application(application: Application) -> Application:
    """Lock the application row so that its plan and bookings change one at a time."""
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("call")
        .get(pk=application.pk)
    )


def lock_lines(pks: Iterable[int]) -> dict[int, BudgetLine]:
    """Lock budget lines in pk order (deadlock-free), then read their amounts from the ledger."""
    pks = sorted(set(pks))
    list(
        BudgetLine.objects.select_for_update()
        .filter(pk__in=pks)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    # A new statement after the lock: the locking SELECT still sees the ledger as it was
    # before it waited, so free funds read there could be stale.
    return {line.pk: line for line in budget_lines_with_amounts().filter(pk__in=pks)}
