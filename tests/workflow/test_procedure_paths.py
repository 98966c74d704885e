"""The path a case takes under its procedure: one reviewer; the light track up to the limit and
the standard path one cent above it; a jury whose Handle waits for every vote; and a programme
changed after submission leaves the running case on its path. The chart shows the path taken."""

from decimal import Decimal

import pytest
from viewflow.workflow import chart
from viewflow.workflow.models import Task

from applicants.models import Membership
from core.roles import REVIEWER
from grants.models import ApplicationStatus, DecisionMode, PanelSeat, Review, ReviewMode
from tests.factories import ApplicationFactory
from tests.workflow.conftest import staff_member
from tests.workflow.helpers import FLOW, open_task, take_and_complete
from workflow.application.case import case_submit
from workflow.application.panel import panel_vote_submit
from workflow.selectors import process_of

pytestmark = pytest.mark.django_db

LIGHT = {"decision_mode": DecisionMode.LIGHT, "review_mode": ReviewMode.NONE}
JURY = {"review_mode": ReviewMode.PANEL, "panel_size": 2, "spread_threshold": Decimal("1.00")}
OTHER_PATHS = {FLOW.review, FLOW.panel_assign, FLOW.panel_review, FLOW.light_decision}


def procedure_set(programme, **options):
    for name, value in options.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()


def nodes_taken(application) -> set:
    return {task.flow_task for task in Task.objects.filter(process=process_of(application))}


def chart_marked(application) -> set:
    """The nodes the case's chart (viewflow's process chart) marks with a status."""
    grid = chart.calc_layout_data(FLOW)
    chart.calc_cell_status(FLOW, grid, process_of(application).pk)
    return {node for node in grid.nodes if grid[node].status is not None}


def done(response):
    assert response.status_code == 302, response.content.decode()[:3000]


def checked(client, staff, application):
    data = {"result": "complete"}
    done(take_and_complete(client, staff["caseworker"], application, FLOW.formal_check, data))


def budget_checked(client, staff, application, budget_line):
    data = {f"line_{budget_line.pk}": "8.000,00"}
    done(take_and_complete(client, staff["finance"], application, FLOW.budget_check, data))


def reviewed(client, staff, application, criteria):
    data = {f"score_{c.pk}": "4" for c in criteria}
    data |= {"assessment": "Gut.", "recommendation": "approve", "no_conflict_of_interest": "on"}
    done(take_and_complete(client, staff["reviewer"], application, FLOW.review, data))


def refused(client, user, application, node) -> str:
    """Taking the open task of `node` is refused (403); the page says why."""
    client.force_login(user)
    task = open_task(application, node)
    response = client.post(node.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    return response.content.decode()


def approved_by(client, user, application, node):
    done(take_and_complete(client, user, application, node, {"outcome": "approved"}))
    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
    assert application.decision.decided_by == user
    assert application.notices.count() == 1


def test_one_reviewer_the_standard_path_is_unchanged(
    client, draft, applicant, staff, budget_line, criteria
):
    case_submit(application=draft, user=applicant)
    checked(client, staff, draft)
    assert {FLOW.review, FLOW.budget_check} <= nodes_taken(draft)
    reviewed(client, staff, draft, criteria)
    budget_checked(client, staff, draft, budget_line)
    assert "Rolle „Bewilligung“" in refused(client, staff["caseworker"], draft, FLOW.decision)
    approved_by(client, staff["approver"], draft, FLOW.decision)
    assert nodes_taken(draft) & OTHER_PATHS == {FLOW.review}
    assert {FLOW.review, FLOW.is_light, FLOW.decision, FLOW.end} <= chart_marked(draft)
    assert not chart_marked(draft) & (OTHER_PATHS - {FLOW.review})


@pytest.mark.parametrize("limit", ["8000.00", "8000.01"])
def test_light_track_up_to_the_limit_sachbearbeitung_checks_and_decides_without_a_review(
    client, programme, draft, applicant, staff, budget_line, limit
):
    assert draft.requested_amount == Decimal("8000.00")
    procedure_set(programme, **LIGHT, light_limit=Decimal(limit))
    case_submit(application=draft, user=applicant)
    checked(client, staff, draft)
    assert nodes_taken(draft) & OTHER_PATHS == set()  # no review task, not even a queued one
    budget_checked(client, staff, draft, budget_line)
    assert "Rolle „Sachbearbeitung“" in refused(
        client, staff["approver"], draft, FLOW.light_decision
    )
    # the person who did the formal check decides: the light track's point
    approved_by(client, staff["caseworker"], draft, FLOW.light_decision)
    assert not Review.objects.filter(application=draft).exists()
    assert nodes_taken(draft) & OTHER_PATHS == {FLOW.light_decision}
    marked = chart_marked(draft)
    assert {FLOW.formal_check, FLOW.budget_check, FLOW.light_decision, FLOW.end} <= marked
    assert not marked & {FLOW.review, FLOW.panel_assign, FLOW.panel_review, FLOW.decision}


def test_one_cent_above_the_limit_the_case_takes_the_standard_path(
    client, programme, draft, applicant, staff, budget_line, criteria
):
    procedure_set(programme, **LIGHT, light_limit=Decimal("7999.99"))
    case_submit(application=draft, user=applicant)
    checked(client, staff, draft)
    reviewed(client, staff, draft, criteria)
    budget_checked(client, staff, draft, budget_line)
    assert "Rolle „Bewilligung“" in refused(client, staff["caseworker"], draft, FLOW.decision)
    approved_by(client, staff["approver"], draft, FLOW.decision)
    assert nodes_taken(draft) & OTHER_PATHS == {FLOW.review}


@pytest.fixture
def jurors(db):
    return [staff_member(REVIEWER, first_name="Jana", last_name=f"Jury{n}") for n in range(3)]


def vote(application, juror, criteria):
    seat = PanelSeat.objects.get(application=application, reviewer=juror)
    return panel_vote_submit(
        seat=seat,
        user=juror,
        scores={c.pk: 4 for c in criteria},
        assessment="Überzeugend.",
        recommendation="approve",
        recommended_amount=None,
        no_conflict_of_interest=True,
    )


def test_jury_sachbearbeitung_seats_n_reviewers_and_the_case_waits_for_every_vote(
    client, programme, draft, applicant, staff, budget_line, criteria, jurors
):
    procedure_set(programme, **JURY)
    member = jurors[2]  # a member of the applying organisation may not sit on its jury
    Membership.objects.create(user=member, organisation=draft.organisation, role="member")
    case_submit(application=draft, user=applicant)
    checked(client, staff, draft)
    assert {FLOW.panel_assign, FLOW.budget_check} <= nodes_taken(draft)
    assert FLOW.review not in nodes_taken(draft)
    assert "Rolle „Sachbearbeitung“" in refused(client, staff["approver"], draft, FLOW.panel_assign)

    client.force_login(staff["caseworker"])
    task = open_task(draft, FLOW.panel_assign)
    done(client.post(FLOW.panel_assign.reverse("assign", args=[task.process_id, task.pk])))
    execute = FLOW.panel_assign.reverse("execute", args=[task.process_id, task.pk])
    page = client.get(execute).content.decode()
    assert "Jana Jury0" in page and "Jana Jury1" in page and "Gerd Gutachter" in page
    assert "Jana Jury2" not in page  # the member is not offered
    assert "Aus dem Pool ziehen" in page
    response = client.post(execute, {"reviewers": [jurors[0].pk]})
    assert response.status_code == 200  # one is not two
    assert "genau 2 verschiedene Gutachtende" in response.content.decode()
    done(client.post(execute, {"reviewers": [jurors[0].pk, jurors[1].pk]}))
    assert set(draft.panel_seats.values_list("reviewer", flat=True)) == {
        jurors[0].pk,
        jurors[1].pk,
    }

    budget_checked(client, staff, draft, budget_line)
    vote(draft, jurors[0], criteria)
    assert open_task(draft, FLOW.panel_review).status == "NEW"  # one seat still open
    assert FLOW.decision not in nodes_taken(draft)
    vote(draft, jurors[1], criteria)
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.AWAITING_DECISION
    approved_by(client, staff["approver"], draft, FLOW.decision)
    marked = chart_marked(draft)
    assert {FLOW.panel_assign, FLOW.panel_review, FLOW.decision} <= marked
    assert not marked & {FLOW.review, FLOW.light_decision}


def test_jury_drawn_from_the_pool(
    client, programme, draft, applicant, staff, budget_line, criteria, jurors
):
    procedure_set(programme, **JURY)
    case_submit(application=draft, user=applicant)
    checked(client, staff, draft)
    client.force_login(staff["caseworker"])
    task = open_task(draft, FLOW.panel_assign)
    client.post(FLOW.panel_assign.reverse("assign", args=[task.process_id, task.pk]))
    execute = FLOW.panel_assign.reverse("execute", args=[task.process_id, task.pk])
    done(client.post(execute, {"from_pool": "1"}))
    seats = list(draft.panel_seats.order_by("reviewer"))
    assert len(seats) == 2 and all(seat.from_pool for seat in seats)
    assert open_task(draft, FLOW.panel_review).status == "NEW"


def test_a_programme_changed_after_submission_leaves_the_running_case_on_its_path(
    client, programme, draft, applicant, staff, budget_line, criteria
):
    case_submit(application=draft, user=applicant)
    procedure_set(programme, **LIGHT, light_limit=Decimal("12000.00"))
    checked(client, staff, draft)
    assert FLOW.review in nodes_taken(draft)
    reviewed(client, staff, draft, criteria)
    budget_checked(client, staff, draft, budget_line)
    approved_by(client, staff["approver"], draft, FLOW.decision)

    assert not draft.procedure.is_light  # the copy taken at submission

    # the change applies to a case submitted afterwards
    later = ApplicationFactory(
        organisation=draft.organisation, call=draft.call, created_by=applicant
    )
    case_submit(application=later, user=applicant)
    checked(client, staff, later)
    assert nodes_taken(later) & OTHER_PATHS == set()
