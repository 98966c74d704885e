"""The project idea in the portal: handed in, followed, never seen by another organisation."""

import datetime

import pytest
from django.urls import reverse

from core.roles import CASEWORKER
from grants.models import AdviceChannel, Idea, IdeaStage, IdeaStatus
from grants.services.idea import advice_record_add, idea_decline, idea_invite, idea_refer
from tests.factories import ProgrammeFactory
from tests.grants.idea_helpers import INTERNAL_NOTE, idea_handed_in, idea_programme, staff_in

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Sprachcafé für Eltern",
    "description": "Eltern lernen Deutsch, während die Kinder spielen.",
    "target_group": "Eltern aus dem Quartier",
    "place": "Stadtteilzentrum Oberbarmen",
    "timeframe": "ab März 2027",
    "rough_cost": "2.500,00",
}


@pytest.fixture
def caseworker():
    return staff_in(CASEWORKER)


def advised(idea, caseworker):
    advice_record_add(
        idea=idea,
        user=caseworker,
        held_on=datetime.date(2026, 12, 1),
        channel=AdviceChannel.PHONE,
        people_present="Frau Demir",
        notes="Der Kostenrahmen passt zum Programm.",
        next_steps="Kostenplan ausarbeiten.",
        internal_note=INTERNAL_NOTE,
    )
    return idea


def test_applicant_hands_in_an_idea_through_the_form(applicant_client, organisation):
    programme = idea_programme(stage=IdeaStage.OPTIONAL)
    response = applicant_client.post(
        reverse("portal:idea_new"), {**FORM, "programme": programme.pk}
    )
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:idea_detail", args=[idea.pk])
    assert (idea.organisation, idea.programme, str(idea.rough_cost)) == (
        organisation,
        programme,
        "2500.00",
    )


def test_the_idea_form_offers_only_programmes_with_an_idea_stage(applicant_client):
    with_stage = idea_programme(name="Vielfältig engagiert!")
    ProgrammeFactory(name="Ohne Ideenphase")
    page = applicant_client.get(reverse("portal:idea_new")).content.decode()
    assert with_stage.name in page and "Ohne Ideenphase" not in page
    refused = applicant_client.post(
        reverse("portal:idea_new"),
        {**FORM, "programme": ProgrammeFactory().pk},
    )
    assert refused.status_code == 400 and not Idea.objects.exists()


def test_my_applications_lists_the_ideas_with_their_state(
    applicant_client, organisation, applicant, caseworker
):
    idea = idea_handed_in(organisation=organisation, user=applicant)
    idea_decline(idea=idea, user=caseworker, message="Leider nicht.")
    page = applicant_client.get(reverse("portal:home")).content.decode()
    assert idea.title in page
    assert str(IdeaStatus.DECLINED.label) in page
    assert reverse("portal:idea_detail", args=[idea.pk]) in page


def test_the_call_list_links_to_the_idea_form_for_programmes_with_an_idea_stage(
    applicant_client,
):
    programme = idea_programme()
    page = applicant_client.get(reverse("portal:home")).content.decode()
    assert f"{reverse('portal:idea_new')}?programme={programme.pk}" in page


def test_an_idea_is_never_visible_to_another_organisation(
    client, organisation, applicant, other_applicant
):
    idea = idea_handed_in(organisation=organisation, user=applicant)
    client.force_login(other_applicant)
    assert client.get(reverse("portal:idea_detail", args=[idea.pk])).status_code == 404
    assert idea.title not in client.get(reverse("portal:home")).content.decode()


def test_the_idea_page_shows_advice_but_never_the_internal_note(
    applicant_client, organisation, applicant, caseworker
):
    idea = advised(idea_handed_in(organisation=organisation, user=applicant), caseworker)
    page = applicant_client.get(reverse("portal:idea_detail", args=[idea.pk])).content.decode()
    assert "Der Kostenrahmen passt zum Programm." in page
    assert "Kostenplan ausarbeiten." in page
    assert INTERNAL_NOTE not in page


def test_an_invited_idea_links_to_the_prefilled_draft(
    applicant_client, organisation, applicant, caseworker
):
    idea = advised(idea_handed_in(organisation=organisation, user=applicant), caseworker)
    draft = idea_invite(
        idea=idea, user=caseworker, call=idea.programme.calls.get(), message="Bitte beantragen."
    )
    page = applicant_client.get(reverse("portal:idea_detail", args=[idea.pk])).content.decode()
    assert "Bitte beantragen." in page
    assert reverse("portal:application_edit", args=[draft.pk]) in page
    edit = applicant_client.get(reverse("portal:application_edit", args=[draft.pk]))
    assert edit.status_code == 200
    assert idea.title in edit.content.decode()
    assert INTERNAL_NOTE not in edit.content.decode()


@pytest.mark.parametrize("outcome", ["refer", "decline"])
def test_refer_and_decline_show_the_message(
    applicant_client, organisation, applicant, caseworker, outcome
):
    idea = advised(idea_handed_in(organisation=organisation, user=applicant), caseworker)
    other = ProgrammeFactory(name="Kleinprojektefonds")
    if outcome == "refer":
        idea_refer(idea=idea, user=caseworker, programme=other, message="Passt dorthin besser.")
    else:
        idea_decline(idea=idea, user=caseworker, message="Passt dorthin besser.")
    page = applicant_client.get(reverse("portal:idea_detail", args=[idea.pk])).content.decode()
    assert "Passt dorthin besser." in page
    assert ("Kleinprojektefonds" in page) == (outcome == "refer")
    assert INTERNAL_NOTE not in page


@pytest.mark.parametrize("rows", [2, 6])
def test_my_applications_runs_the_same_number_of_queries_for_2_and_6_ideas(
    applicant_client, organisation, applicant, rows, django_assert_num_queries
):
    programme = idea_programme()
    for number in range(rows):
        idea_handed_in(
            organisation=organisation, user=applicant, programme=programme, title=f"Idee {number}"
        )
    # session, user, memberships, count of applications, open calls, project ideas
    with django_assert_num_queries(6):
        page = applicant_client.get(reverse("portal:home")).content.decode()
    assert page.count(">Idee ") == rows
