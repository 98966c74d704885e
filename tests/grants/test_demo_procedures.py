"""The demo data of the procedures (issue 15), without the workflow: ideas in every state of the
idea stage, and the light-track and jury cases submitted under their programme's procedure."""

import pytest

from grants.demo import demo_seed
from grants.demo.ideas import IDEAS, INVITED
from grants.demo.programmes import ENGAGED, SMALL
from grants.models import AdviceRecord, Application, ApplicationStatus, Idea, IdeaStatus
from grants.procedure import review_mode_of, takes_light_track
from grants.rules import submission_errors

pytestmark = pytest.mark.django_db


@pytest.fixture
def summary():
    return demo_seed()


def test_ideas_in_every_state_of_the_idea_stage(summary):
    ideas = Idea.objects.all()
    assert ideas.count() == len(IDEAS) == summary.ideas
    assert set(ideas.values_list("programme__name", flat=True)) == {ENGAGED}
    open_ideas = ideas.filter(status=IdeaStatus.SUBMITTED)
    assert {idea.advice.exists() for idea in open_ideas} == {True, False}
    assert set(ideas.values_list("status", flat=True)) == set(IdeaStatus.values)
    referred = ideas.get(status=IdeaStatus.REFERRED)
    assert referred.referred_to.name == SMALL
    for idea in ideas.exclude(status=IdeaStatus.SUBMITTED):
        assert idea.outcome_message and idea.concluded_by.email.startswith("sachbearbeitung@")
    assert AdviceRecord.objects.exclude(internal_note="").count() == len(
        [spec for spec in IDEAS if spec.advised]
    )


def test_an_invited_idea_has_its_draft_and_two_went_on_to_the_jury(summary):
    invited = Idea.objects.filter(status=IdeaStatus.INVITED)
    assert invited.count() == len([spec for spec in IDEAS if spec.outcome == INVITED]) == 3
    drafts = Application.objects.filter(idea__in=invited, status=ApplicationStatus.DRAFT)
    assert drafts.count() == 1
    assert drafts.get().title == drafts.get().idea.title
    submitted = Application.objects.filter(idea__in=invited, status=ApplicationStatus.SUBMITTED)
    assert submitted.count() == 2
    for application in submitted:
        assert submission_errors(application, today=application.submitted_at.date()) == {}
        assert application.procedure.is_panel and application.procedure.panel_size == 3
        assert review_mode_of(application) == "panel"
    targets = [state for application, state in summary.procedure_cases if application.idea_id]
    assert sorted(targets) == ["panel_complete", "panel_one_of_three"]


def test_light_cases_are_submitted_under_the_light_procedure(summary):
    light = [
        application for application, _state in summary.procedure_cases if not application.idea_id
    ]
    assert len(light) == 3
    for application in light:
        assert application.call.programme.name == SMALL
        assert takes_light_track(application)
        assert application.procedure.is_simplified_proof


def test_seeding_again_creates_no_second_idea_nor_case(summary):
    ideas, applications = Idea.objects.count(), Application.objects.count()
    again = demo_seed()
    assert (again.ideas, again.applications, again.procedure_cases) == (0, 0, [])
    assert (Idea.objects.count(), Application.objects.count()) == (ideas, applications)
