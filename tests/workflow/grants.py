"""Grants brought to a given state through the real services (for tests)."""

from decimal import Decimal

from budgeting.models import BudgetLine
from workflow.application import services as tasks
from workflow.application.case import case_submit
from workflow.application.flow import ApplicationFlow as FLOW
from workflow.task_services import task_complete_as


def approved_grant(application, applicant, staff, lines: list[tuple[BudgetLine, str]]):
    """Submit, check, review, budget-check (on the given lines) and approve in full."""
    case_submit(application=application, user=applicant)
    return approve_submitted(application, staff, lines)


def approve_submitted(application, staff, lines: list[tuple[BudgetLine, str]]):
    """Check, review, budget-check (on the given lines) and approve a submitted application."""
    run = task_complete_as
    run(
        application=application,
        node=FLOW.formal_check,
        user=staff["caseworker"],
        service=tasks.task_formal_check,
        complete=True,
    )
    run(
        application=application,
        node=FLOW.review,
        user=staff["reviewer"],
        service=tasks.task_review,
        scores={c.pk: 4 for c in application.call.programme.criteria.all()},
        assessment="Überzeugend.",
        recommendation="approve",
        recommended_amount=None,
        no_conflict_of_interest=True,
    )
    run(
        application=application,
        node=FLOW.budget_check,
        user=staff["finance"],
        service=tasks.task_budget_check,
        allocations=[(line, Decimal(amount)) for line, amount in lines],
    )
    run(
        application=application,
        node=FLOW.decision,
        user=staff["approver"],
        service=tasks.task_decide,
        outcome="approved",
        approved_amount=None,
        reasons="",
    )
    application.refresh_from_db()
    return application
