"""Staff task forms with bad amounts: the budget check and the decision. A refusal names the
field; the task stays open, nothing is allocated, decided or booked."""

import pytest
from hypothesis import given
from viewflow.workflow.models import Task

from budgeting.models import BudgetAllocation, LedgerEntry
from core.models import AuditEntry
from grants.models import Decision
from tests.security.fuzz import FUZZ, NUMBERS, assert_answer, refusal_shown, rolled_back
from tests.workflow.helpers import FLOW, open_task
from workflow.application import services as tasks
from workflow.application.case import case_submit
from workflow.task_services import task_complete_as

pytestmark = pytest.mark.django_db


def state(application):
    models = (BudgetAllocation, LedgerEntry, Decision, AuditEntry)
    statuses = list(Task.objects.order_by("pk").values_list("status", flat=True))
    return [model.objects.count() for model in models], statuses


def checked(application, applicant, staff):
    """Submitted and complete: review and budget check are open."""
    case_submit(application=application, user=applicant)
    task_complete_as(
        application=application,
        node=FLOW.formal_check,
        user=staff["caseworker"],
        service=tasks.task_formal_check,
        complete=True,
    )
    return application


def taken(client, user, application, node):
    """The task's form URL, after the user took the task from the queue."""
    client.force_login(user)
    task = open_task(application, node)
    assert client.post(node.reverse("assign", args=[task.process_id, task.pk])).status_code == 302
    return node.reverse("execute", args=[task.process_id, task.pk])


def refused_whole(client, url, application, data, field):
    before = state(application)
    response = client.post(url, data)
    assert_answer(response)
    if response.status_code != 302:
        assert refusal_shown(response, field)
        assert state(application) == before


@pytest.fixture
def budget_check_url(client, draft, applicant, staff, budget_line):
    checked(draft, applicant, staff)
    return taken(client, staff["finance"], draft, FLOW.budget_check)


@FUZZ
@given(amount=NUMBERS)
def test_a_bad_budget_check_amount_allocates_nothing(
    client, draft, budget_line, budget_check_url, amount
):
    field = f"line_{budget_line.pk}"
    with rolled_back():
        refused_whole(client, budget_check_url, draft, {field: amount}, field)


@pytest.fixture
def decision_url(client, draft, applicant, staff, budget_line, criteria):
    checked(draft, applicant, staff)
    task_complete_as(
        application=draft,
        node=FLOW.review,
        user=staff["reviewer"],
        service=tasks.task_review,
        scores={criterion.pk: 4 for criterion in criteria},
        assessment="Überzeugend.",
        recommendation="approve",
        recommended_amount=None,
        no_conflict_of_interest=True,
    )
    task_complete_as(
        application=draft,
        node=FLOW.budget_check,
        user=staff["finance"],
        service=tasks.task_budget_check,
        allocations=[(budget_line, draft.requested_amount)],
    )
    return taken(client, staff["approver"], draft, FLOW.decision)


@FUZZ
@given(amount=NUMBERS)
def test_a_bad_partial_amount_decides_and_commits_nothing(client, draft, decision_url, amount):
    data = {"outcome": "partial", "approved_amount": amount, "reasons": "Nur ein Teil."}
    with rolled_back():
        refused_whole(client, decision_url, draft, data, "approved_amount")
