"""The applicant portal where the programme wants a project idea first: starting an application
says so and points to the idea form."""

import pytest
from django.urls import reverse

from grants.models import Application, IdeaStage, Programme

pytestmark = pytest.mark.django_db


def programme_change(programme: Programme, **options) -> Programme:
    for name, value in options.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    return programme


@pytest.fixture
def idea_required(programme):
    return programme_change(programme, idea_stage=IdeaStage.REQUIRED)


def test_starting_an_application_where_an_idea_is_required_points_to_the_idea_form(
    idea_required, call, applicant_client
):
    page = applicant_client.get(reverse("portal:application_create"), {"call": call.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "zuerst eine Projektidee" in html
    assert f"{reverse('portal:idea_new')}?programme={call.programme_id}" in html


def test_a_draft_is_not_started_where_an_idea_is_required(idea_required, call, applicant_client):
    response = applicant_client.post(
        reverse("portal:application_create"), {"call": call.pk, "title": "Sprachcafé"}
    )
    assert response.status_code == 400
    assert "zuerst eine Projektidee" in response.content.decode()
    assert not Application.objects.exists()


def test_where_the_idea_stage_is_optional_a_draft_starts_without_a_word_about_ideas(
    programme, call, applicant_client
):
    programme_change(programme, idea_stage=IdeaStage.OPTIONAL)
    page = applicant_client.get(reverse("portal:application_create"), {"call": call.pk})
    assert "zuerst eine Projektidee" not in page.content.decode()
    response = applicant_client.post(
        reverse("portal:application_create"), {"call": call.pk, "title": "Sprachcafé"}
    )
    assert response.status_code == 302
    assert Application.objects.get().title == "Sprachcafé"
