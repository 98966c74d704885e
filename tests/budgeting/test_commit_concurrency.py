"""Rule 2: two concurrent approvals can never over-commit a budget line (PostgreSQL only)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from budgeting.errors import InsufficientFunds
from budgeting.models import LedgerEntry, LedgerEntryKind
from budgeting.selectors import budget_lines_with_amounts
from budgeting.services import budget_commit
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.factories import ApplicationFactory, CallFactory, UserFactory

THREADS = 20
# The apps this test touches; the flush after it skips the other apps' post_migrate handlers.
APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "core",
    "applicants",
    "grants",
    "budgeting",
]

pytestmark = [
    # serialized_rollback: start from the migrated data (districts) even after another flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True, available_apps=APPS),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="Zeilensperren gibt es nur auf PostgreSQL."
    ),
]


def test_twenty_concurrent_commits_never_over_commit_a_line():
    call = CallFactory()
    line = BudgetLineFactory(programme=call.programme, appropriation=Decimal("10000.00"))
    user = UserFactory()
    applications = [
        ApplicationFactory(call=call, requested_amount=Decimal("1000.00")) for _ in range(THREADS)
    ]
    for application in applications:
        BudgetAllocationFactory(
            application=application, budget_line=line, amount=Decimal("1000.00"), planned_by=user
        )
    barrier = threading.Barrier(THREADS, timeout=30)
    results: list[str] = []
    lock = threading.Lock()

    def commit(application):
        try:
            barrier.wait()
            budget_commit(application=application, amount=Decimal("1000.00"), user=user)
            outcome = "committed"
        except InsufficientFunds:
            outcome = "refused"
        except Exception as error:  # reported by the assertion, not lost in the thread
            outcome = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=commit, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results) == ["committed"] * 10 + ["refused"] * 10
    assert budget_lines_with_amounts().get(pk=line.pk).free == Decimal("0.00")
    assert LedgerEntry.objects.filter(kind=LedgerEntryKind.COMMITMENT).count() == 10
