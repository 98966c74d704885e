"""A jury case through the flow: Sachbearbeitung seats the jury, each juror votes on their page,
and the last vote ends the wait (`panel_review`), not an earlier one."""

from decimal import Decimal

import pytest
from django.urls import reverse
from viewflow.workflow.models import Task
from viewflow.workflow.status import STATUS

from core.roles import REVIEWER
from grants.models import Programme, ReviewMode
from tests.workflow.conftest import staff_member
from workflow.application import services as tasks
from workflow.application.case import case_submit
from workflow.application.flow import ApplicationFlow as FLOW
from workflow.application.panel import panel_vote_submit
from workflow.selectors import process_of
from workflow.task_services import task_complete_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury_case(draft, applicant, criteria, staff):
    Programme.objects.filter(pk=draft.call.programme_id).update(
        review_mode=ReviewMode.PANEL, panel_size=3, spread_threshold=Decimal("1.00")
    )
    draft.refresh_from_db()
    case_submit(application=draft, user=applicant)
    task_complete_as(
        application=draft,
        node=FLOW.formal_check,
        user=staff["caseworker"],
        service=tasks.task_formal_check,
        complete=True,
    )
    jurors = [staff["reviewer"], *(staff_member(REVIEWER) for _ in range(2))]
    task_complete_as(
        application=draft,
        node=FLOW.panel_assign,
        user=staff["caseworker"],
        service=tasks.task_panel_assign,
        reviewers=jurors,
    )
    draft.refresh_from_db()
    return draft, jurors


def waiting(application) -> bool:
    return Task.objects.filter(
        process=process_of(application),
        flow_task=FLOW.panel_review,
        status__in=[STATUS.NEW, STATUS.STARTED],
    ).exists()


def test_the_last_vote_ends_the_wait_of_the_jury(jury_case, criteria):
    application, jurors = jury_case
    seats = {seat.reviewer_id: seat for seat in application.panel_seats.all()}
    assert waiting(application)
    for number, juror in enumerate(jurors):
        assert waiting(application), f"still waiting before vote {number + 1}"
        panel_vote_submit(
            seat=seats[juror.pk],
            user=juror,
            scores={c.pk: 4 for c in criteria},
            assessment="Gut.",
            recommendation="approve",
            recommended_amount=None,
            no_conflict_of_interest=True,
        )
    assert not waiting(application)
    assert (
        Task.objects.get(process=process_of(application), flow_task=FLOW.panel_review).status
        == STATUS.DONE
    )


def test_the_last_vote_on_the_page_moves_the_case(client, jury_case, criteria):
    application, jurors = jury_case
    seats = {seat.reviewer_id: seat for seat in application.panel_seats.all()}
    for juror in jurors:
        client.force_login(juror)
        data = {f"score_{c.pk}": 3 for c in criteria}
        data |= {"assessment": "Schlüssig.", "recommendation": "approve"}
        data |= {"no_conflict_of_interest": "on"}
        response = client.post(reverse("jury:seat", args=[seats[juror.pk].pk]), data)
        assert response.status_code == 302
    assert not waiting(application)
