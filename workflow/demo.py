"""Demo cases in every state of the application flow, driven through the real services."""

from decimal import Decimal
from itertools import cycle

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from budgeting.demo import budget_seed
from budgeting.selectors import budget_lines_for_application
from core.money import round_money
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.demo import DEMO_USERS, DemoSummary, demo_seed
from grants.models import DecisionOutcome, Recommendation
from workflow.flows import ApplicationFlow
from workflow.services import tasks
from workflow.services.case import case_submit, case_withdraw

# The state each freshly submitted demo application is taken to, in turn.
TARGETS = (
    "submitted",
    "revision",
    "in_review",
    "awaiting_decision",
    "approved",
    "partial",
    "rejected",
    "withdrawn",
    "reviewed",
)


@transaction.atomic
def cases_seed() -> tuple[DemoSummary, int]:
    """Seed the demo data, budgets for this and next year, and cases in every state.

    Returns the summary of the grants demo data and the number of budget lines created.
    """
    summary = demo_seed(submit=case_submit)
    year = timezone.localdate().year
    budget_lines = budget_seed(year=year) + budget_seed(year=year + 1)
    staff = _staff()
    for application, target in zip(summary.submitted_now, cycle(TARGETS), strict=False):
        _advance(application, target, staff)
    return summary, budget_lines


def _staff() -> dict[str, object]:
    users = get_user_model().objects.filter(email__in=[p.email for p in DEMO_USERS])
    by_email = {user.email: user for user in users}
    return {person.role: by_email[person.email] for person in DEMO_USERS}


def _advance(application, target, staff):
    if target == "submitted":
        return
    if target == "withdrawn":
        case_withdraw(application=application, user=application.submitted_by)
        return
    _complete(
        application,
        ApplicationFlow.formal_check,
        staff[CASEWORKER],
        tasks.task_formal_check,
        complete=target != "revision",
        message=""
        if target != "revision"
        else "Bitte laden Sie die unterschriebene Satzung hoch und nennen Sie die "
        "Zahl der Teilnehmenden genauer.",
    )
    if target in ("revision", "in_review"):
        return
    _review(application, staff[REVIEWER], target)
    if target == "reviewed":
        return
    _budget_check(application, staff[FINANCE])
    if target == "awaiting_decision":
        return
    _decide(application, staff[APPROVER], target)


def _review(application, reviewer, target):
    criteria = application.call.programme.criteria.all()
    _complete(
        application,
        ApplicationFlow.review,
        reviewer,
        tasks.task_review,
        scores={c.pk: 2 if target == "rejected" else 4 for c in criteria},
        assessment="Das Konzept ist nachvollziehbar; die Zielgruppe wird gut erreicht.",
        recommendation={"rejected": Recommendation.REJECT, "partial": Recommendation.PARTIAL}.get(
            target, Recommendation.APPROVE
        ),
        recommended_amount=_partial_amount(application) if target == "partial" else None,
        no_conflict_of_interest=True,
    )


def _budget_check(application, finance):
    requested = application.requested_amount
    line = next(
        line for line in budget_lines_for_application(application) if line.free >= requested
    )
    _complete(
        application,
        ApplicationFlow.budget_check,
        finance,
        tasks.task_budget_check,
        allocations=[(line, requested)],
    )


def _decide(application, approver, target):
    outcome = {
        "approved": DecisionOutcome.APPROVED,
        "partial": DecisionOutcome.PARTIAL,
        "rejected": DecisionOutcome.REJECTED,
    }[target]
    reasons = {
        DecisionOutcome.PARTIAL: "Die Honorarsätze liegen über den städtischen Richtwerten; "
        "gefördert werden 80 % der beantragten Summe.",
        DecisionOutcome.REJECTED: "Das Vorhaben ist im Förderprogramm nicht förderfähig, weil "
        "es überwiegend Regelangebote der Schule ersetzt.",
    }.get(outcome, "")
    _complete(
        application,
        ApplicationFlow.decision,
        approver,
        tasks.task_decide,
        outcome=outcome,
        approved_amount=_partial_amount(application)
        if outcome == DecisionOutcome.PARTIAL
        else None,
        reasons=reasons,
    )


def _partial_amount(application) -> Decimal:
    return round_money(application.requested_amount * Decimal("0.8"))


def _complete(application, node, user, service, **data):
    tasks.task_complete_as(application=application, node=node, user=user, service=service, **data)
