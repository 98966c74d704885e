"""The decision task page: the section "zuwendungsfähige Ausgaben" per cost line, the refusals
shown in the form (never a 500, nothing stored), and the terms an approval fixes."""

from decimal import Decimal

import pytest

from grants.models import Decision, GrantTerms
from grants.terms import terms_in_force
from tests.workflow.helpers import FLOW, case_url, open_task, take_and_complete
from workflow.application import services as tasks
from workflow.application.case import case_submit
from workflow.task_services import task_complete_as

pytestmark = pytest.mark.django_db

MATERIAL_REASON = "Verbrauchsmaterial ist mit der Raumpauschale abgegolten."


@pytest.fixture
def awaiting(draft, applicant, staff, budget_line):
    """Checked, reviewed and budget-checked: 8,000.00 € requested (80 % of 10,000.00)."""
    case_submit(application=draft, user=applicant)
    run = task_complete_as
    run(
        application=draft,
        node=FLOW.formal_check,
        user=staff["caseworker"],
        service=tasks.task_formal_check,
        complete=True,
    )
    run(
        application=draft,
        node=FLOW.review,
        user=staff["reviewer"],
        service=tasks.task_review,
        scores={},
        assessment="Überzeugend.",
        recommendation="approve",
        recommended_amount=None,
        no_conflict_of_interest=True,
    )
    run(
        application=draft,
        node=FLOW.budget_check,
        user=staff["finance"],
        service=tasks.task_budget_check,
        allocations=[(budget_line, Decimal("8000.00"))],
    )
    draft.refresh_from_db()
    return draft


def lines(application):
    return {line.description: line for line in application.cost_lines.all()}


def test_the_page_offers_each_cost_line_and_shows_the_eligible_costs(client, awaiting, staff):
    client.force_login(staff["approver"])
    task = open_task(awaiting, FLOW.decision)
    client.post(FLOW.decision.reverse("assign", args=[task.process_id, task.pk]))

    page = client.get(FLOW.decision.reverse("execute", args=[task.process_id, task.pk]))

    text = page.content.decode().replace("\N{NO-BREAK SPACE}", " ")
    assert page.status_code == 200
    assert "Zuwendungsfähige Ausgaben (bei Bewilligung)" in text
    material = lines(awaiting)["Material"]
    assert f'name="excluded_{material.pk}"' in text and f'name="reason_{material.pk}"' in text
    assert "Material: nicht zuwendungsfähig (Euro)" in text
    assert "Betrag laut Kostenplan: 1.000,00 €" in text
    assert "Grund zu „Material“" in text
    assert "80 % Anteilfinanzierung auf zuwendungsfähige Ausgaben von 10.000,00 €" in text


def test_a_full_approval_above_the_share_of_the_eligible_costs_is_shown_as_an_error(
    client, awaiting, staff
):
    material = lines(awaiting)["Material"]
    response = take_and_complete(
        client,
        staff["approver"],
        awaiting,
        FLOW.decision,
        {
            "outcome": "approved",
            f"excluded_{material.pk}": "1.000,00",
            f"reason_{material.pk}": MATERIAL_REASON,
        },
    )

    text = response.content.decode().replace("\N{NO-BREAK SPACE}", " ")
    assert response.status_code == 200
    assert "Bitte bewilligen Sie in Teilen, höchstens 7.200,00 €." in text
    # The page shows the eligible costs after the exclusion just sent.
    assert "auf zuwendungsfähige Ausgaben von 9.000,00 €" in text
    assert not Decision.objects.exists() and not GrantTerms.objects.exists()


def test_an_excluded_amount_without_a_reason_is_shown_at_the_reason(client, awaiting, staff):
    material = lines(awaiting)["Material"]
    response = take_and_complete(
        client,
        staff["approver"],
        awaiting,
        FLOW.decision,
        {
            "outcome": "partial",
            "approved_amount": "7.000,00",
            "reasons": "Material nicht förderfähig.",
            f"excluded_{material.pk}": "1.000,00",
        },
    )

    assert response.status_code == 200
    assert "Bitte begründen Sie, warum dieser Betrag nicht zuwendungsfähig ist." in (
        response.content.decode()
    )
    assert not Decision.objects.exists()


def test_a_partial_approval_with_an_excluded_line_fixes_the_terms(
    client, awaiting, staff, django_capture_on_commit_callbacks
):
    material = lines(awaiting)["Material"]
    with django_capture_on_commit_callbacks(execute=True):
        response = take_and_complete(
            client,
            staff["approver"],
            awaiting,
            FLOW.decision,
            {
                "outcome": "partial",
                "approved_amount": "7.200,00",
                "reasons": "Das Material ist nicht zuwendungsfähig.",
                f"excluded_{material.pk}": "1.000,00",
                f"reason_{material.pk}": MATERIAL_REASON,
            },
        )

    assert response.status_code == 302, response.content.decode()[:3000]
    terms = terms_in_force(awaiting)
    assert (terms.eligible_costs, terms.approved_amount) == (
        Decimal("9000.00"),
        Decimal("7200.00"),
    )
    assert [(r.cost_line, r.reason) for r in terms.excluded_lines.all()] == [
        (material, MATERIAL_REASON)
    ]
    page = client.get(case_url(awaiting)).content.decode()
    assert "Bewilligungsbedingungen (Bescheid Version 1)" in page and MATERIAL_REASON in page
