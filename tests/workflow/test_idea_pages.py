"""Staff pages of project ideas: the queue, the idea with advice, the three outcomes, and the
idea on the case page of the application that came from it."""

import pytest
from django.urls import reverse

from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import AdviceRecord, ApplicationStatus, IdeaStatus
from grants.services.idea import advice_record_add, idea_decline
from tests.factories import ApplicationFactory, MembershipFactory, ProgrammeFactory
from tests.grants.idea_helpers import INTERNAL_NOTE, idea_handed_in, staff_in

pytestmark = pytest.mark.django_db

ADVICE = {
    "advice-held_on": "2026-12-01",
    "advice-channel": "phone",
    "advice-people_present": "Frau Demir, Herr Schulz",
    "advice-notes": "Kostenrahmen passt.",
    "advice-next_steps": "Angebote einholen.",
    "advice-internal_note": INTERNAL_NOTE,
}


@pytest.fixture
def caseworker():
    return staff_in(CASEWORKER)


@pytest.fixture
def idea():
    return idea_handed_in()


@pytest.fixture
def sb_client(client, caseworker):
    client.force_login(caseworker)
    return client


def url(name, idea):
    return reverse(f"ideen:{name}", args=[idea.pk])


def advise(idea, caseworker):
    advice_record_add(
        idea=idea,
        user=caseworker,
        held_on="2026-12-01",
        channel="email",
        people_present="Frau Demir",
        notes="Kostenrahmen passt.",
        internal_note=INTERNAL_NOTE,
    )


def test_caseworker_sees_the_queue_and_the_idea_with_its_internal_notes(
    sb_client, idea, caseworker
):
    advise(idea, caseworker)
    queue = sb_client.get(reverse("ideen:index")).content.decode()
    assert idea.title in queue and url("detail", idea) in queue
    page = sb_client.get(url("detail", idea)).content.decode()
    assert "Kostenrahmen passt." in page and INTERNAL_NOTE in page


@pytest.mark.parametrize("role", [REVIEWER, FINANCE, APPROVER])
def test_staff_without_the_advice_role_get_403_on_every_idea_page(client, idea, role):
    client.force_login(staff_in(role))
    assert client.get(reverse("ideen:index")).status_code == 403
    assert client.get(url("detail", idea)).status_code == 403
    for action in ("advice", "invite", "refer", "decline"):
        assert client.post(url(action, idea), {}).status_code == 403
    idea.refresh_from_db()
    assert idea.is_open


def test_a_caseworker_of_the_organisation_cannot_open_its_idea(sb_client, idea, caseworker):
    MembershipFactory(user=caseworker, organisation=idea.organisation)
    assert sb_client.get(url("detail", idea)).status_code == 403
    assert sb_client.post(url("advice", idea), ADVICE).status_code == 403
    assert not AdviceRecord.objects.exists()


def test_several_advice_records_through_the_form(sb_client, idea):
    for _ in range(2):
        response = sb_client.post(url("advice", idea), ADVICE)
        assert response.status_code == 302
    assert idea.advice.count() == 2
    refused = sb_client.post(url("advice", idea), {**ADVICE, "advice-notes": ""})
    assert refused.status_code == 400 and idea.advice.count() == 2


def test_invite_through_the_page_creates_the_linked_prefilled_draft(sb_client, idea):
    call = idea.programme.calls.get()
    response = sb_client.post(
        url("invite", idea), {"invite-call": call.pk, "invite-message": "Bitte beantragen."}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.INVITED
    draft = idea.application
    assert (draft.status, draft.title, draft.call) == (ApplicationStatus.DRAFT, idea.title, call)


def test_refer_and_decline_through_the_page_need_a_message(sb_client, idea):
    other = ProgrammeFactory()
    assert sb_client.post(url("refer", idea), {"refer-programme": other.pk}).status_code == 400
    response = sb_client.post(
        url("refer", idea), {"refer-programme": other.pk, "refer-message": "Passt dort."}
    )
    assert response.status_code == 302
    idea.refresh_from_db()
    assert (idea.status, idea.referred_to) == (IdeaStatus.REFERRED, other)


def test_a_concluded_idea_takes_no_second_outcome(sb_client, idea, caseworker):
    idea_decline(idea=idea, user=caseworker, message="Leider nicht.")
    response = sb_client.post(url("decline", idea), {"decline-message": "Nochmal nein."})
    assert response.status_code == 400
    assert "bereits abgeschlossen" in response.content.decode()
    idea.refresh_from_db()
    assert idea.outcome_message == "Leider nicht."


@pytest.mark.parametrize("rows", [2, 6])
def test_the_queue_runs_the_same_number_of_queries_for_2_and_6_ideas(
    sb_client, rows, django_assert_num_queries
):
    for _ in range(rows):
        idea_handed_in()
    with django_assert_num_queries(QUEUE_QUERIES):
        page = sb_client.get(reverse("ideen:index")).content.decode()
    assert page.count("Nachbarschaftsgarten am Ölberg") == rows


QUEUE_QUERIES = 8


def test_the_case_page_shows_the_idea_and_its_advice(client, idea, caseworker):
    advise(idea, caseworker)
    idea_decline(idea=idea, user=caseworker, message="x")  # concluded; the link is what counts
    application = ApplicationFactory(
        organisation=idea.organisation,
        call=idea.programme.calls.get(),
        status=ApplicationStatus.SUBMITTED,
        idea=idea,
    )
    client.force_login(caseworker)
    page = client.get(reverse("antraege:case", args=[application.pk])).content.decode()
    assert idea.title in page and "Kostenrahmen passt." in page and INTERNAL_NOTE in page
    client.force_login(staff_in(REVIEWER))
    page = client.get(reverse("antraege:case", args=[application.pk])).content.decode()
    assert "Kostenrahmen passt." not in page and INTERNAL_NOTE not in page
