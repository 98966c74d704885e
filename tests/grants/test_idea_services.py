import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.models import AuditEntry
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import AdviceChannel, ApplicationStatus, IdeaStage, IdeaStatus
from grants.selectors_ideas import (
    PORTAL_ADVICE_FIELDS,
    idea_for_organisation,
    idea_of_application,
    ideas_for_staff,
    ideas_of_organisation,
)
from grants.services.errors import NotAllowed
from grants.services.idea import (
    advice_record_add,
    idea_decline,
    idea_invite,
    idea_refer,
    idea_submit,
)
from tests.factories import CallFactory, MembershipFactory, ProgrammeFactory
from tests.grants.idea_helpers import INTERNAL_NOTE, idea_handed_in, idea_programme, staff_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker():
    return staff_in(CASEWORKER)


@pytest.fixture
def idea():
    return idea_handed_in()


def advise(idea, user):
    return advice_record_add(
        idea=idea,
        user=user,
        held_on=datetime.date(2026, 12, 1),
        channel=AdviceChannel.IN_PERSON,
        people_present="Frau Yılmaz, Herr Schulz",
        notes="Zeitplan und Kostenrahmen besprochen.",
        next_steps="Antrag bis Ende Januar stellen.",
        internal_note=INTERNAL_NOTE,
    )


def test_idea_keeps_the_procedure_in_force_when_handed_in():
    programme = idea_programme(stage=IdeaStage.OPTIONAL)
    idea = idea_handed_in(programme=programme)
    programme.idea_stage = IdeaStage.NONE
    programme.save()
    idea.procedure.refresh_from_db()
    assert idea.procedure.idea_stage == IdeaStage.OPTIONAL
    assert idea.status == IdeaStatus.SUBMITTED
    assert AuditEntry.objects.filter(action="grants.idea.submitted", object_id=idea.pk).exists()


def test_idea_is_refused_for_a_programme_without_idea_stage():
    with pytest.raises(NotAllowed):
        idea_handed_in(programme=ProgrammeFactory(idea_stage=IdeaStage.NONE))


def test_idea_is_refused_for_someone_outside_the_organisation():
    membership = MembershipFactory()
    outsider = MembershipFactory().user
    with pytest.raises(NotAllowed):
        idea_submit(
            organisation=membership.organisation,
            programme=idea_programme(),
            user=outsider,
            title="x",
            description="x",
            target_group="x",
            place="x",
            timeframe="x",
            rough_cost=Decimal("100.00"),
        )


def test_several_advice_records_per_idea_each_audited(idea, caseworker):
    advise(idea, caseworker)
    advise(idea, caseworker)
    assert idea.advice.count() == 2
    assert AuditEntry.objects.filter(action="grants.idea.advice_recorded").count() == 2


@pytest.mark.parametrize("role", [REVIEWER, FINANCE, APPROVER])
def test_staff_without_the_advice_role_cannot_advise_or_conclude(idea, role):
    user = staff_in(role)
    with pytest.raises(NotAllowed):
        advise(idea, user)
    with pytest.raises(NotAllowed):
        idea_decline(idea=idea, user=user, message="Nein.")
    idea.refresh_from_db()
    assert idea.is_open and not idea.advice.exists()


def test_caseworker_who_is_a_member_of_the_organisation_cannot_advise(idea, caseworker):
    MembershipFactory(user=caseworker, organisation=idea.organisation)
    with pytest.raises(NotAllowed):
        advise(idea, caseworker)


def test_invite_creates_a_linked_draft_prefilled_from_the_idea(idea, caseworker):
    call = idea.programme.calls.get()
    application = idea_invite(idea=idea, user=caseworker, call=call, message="Bitte beantragen.")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.INVITED
    assert application.idea == idea
    assert application.status == ApplicationStatus.DRAFT
    assert application.organisation == idea.organisation
    assert application.title == idea.title
    assert application.summary == idea.description
    assert application.target_group == idea.target_group
    assert application.requested_amount == Decimal("4800.00")
    assert AuditEntry.objects.filter(action="grants.idea.invited", object_id=idea.pk).exists()


def test_invite_leaves_the_amount_open_when_the_rough_cost_exceeds_the_programme(caseworker):
    idea = idea_handed_in(rough_cost=Decimal("99000.00"))
    call = idea.programme.calls.get()
    application = idea_invite(idea=idea, user=caseworker, call=call, message="Bitte beantragen.")
    assert application.requested_amount is None


def test_invite_refuses_a_call_of_another_programme(idea, caseworker):
    with pytest.raises(NotAllowed):
        idea_invite(idea=idea, user=caseworker, call=CallFactory(), message="Bitte.")
    idea.refresh_from_db()
    assert idea.is_open


def test_refer_and_decline_keep_the_message(caseworker):
    other = ProgrammeFactory()
    referred = idea_refer(
        idea=idea_handed_in(), user=caseworker, programme=other, message="Passt besser."
    )
    declined = idea_decline(idea=idea_handed_in(), user=caseworker, message="Leider nicht.")
    assert (referred.status, referred.referred_to, referred.outcome_message) == (
        IdeaStatus.REFERRED,
        other,
        "Passt besser.",
    )
    assert (declined.status, declined.outcome_message) == (IdeaStatus.DECLINED, "Leider nicht.")


def test_an_outcome_needs_a_message(idea, caseworker):
    with pytest.raises(ValidationError):
        idea_decline(idea=idea, user=caseworker, message="  ")


def test_only_open_ideas_conclude_or_take_advice(idea, caseworker):
    idea_decline(idea=idea, user=caseworker, message="Leider nicht.")
    with pytest.raises(NotAllowed):
        idea_refer(idea=idea, user=caseworker, programme=ProgrammeFactory(), message="x")
    with pytest.raises(NotAllowed):
        idea_invite(idea=idea, user=caseworker, call=idea.programme.calls.get(), message="x")
    with pytest.raises(NotAllowed):
        advise(idea, caseworker)
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.DECLINED


def test_the_applicant_sees_only_the_own_organisations_ideas(idea):
    other = idea_handed_in()
    assert list(ideas_of_organisation(idea.organisation)) == [idea]
    with pytest.raises(Exception, match="No Idea matches"):
        idea_for_organisation(idea.organisation, other.pk)


def test_the_applicants_view_of_advice_never_loads_the_internal_note(idea, caseworker):
    advise(idea, caseworker)
    record = idea_for_organisation(idea.organisation, idea.pk).advice.all()[0]
    assert "internal_note" in record.get_deferred_fields()
    assert "internal_note" not in PORTAL_ADVICE_FIELDS
    application = idea_invite(
        idea=idea, user=caseworker, call=idea.programme.calls.get(), message="Bitte."
    )
    portal = idea_of_application(application, for_applicant=True).advice.all()[0]
    staff = idea_of_application(application, for_applicant=False).advice.all()[0]
    assert "internal_note" in portal.get_deferred_fields()
    assert staff.internal_note == INTERNAL_NOTE


def test_staff_queue_lists_open_ideas_first(caseworker):
    older_open = idea_handed_in()
    concluded = idea_handed_in()
    idea_decline(idea=concluded, user=caseworker, message="Leider nicht.")
    newer_open = idea_handed_in()
    assert list(ideas_for_staff()) == [newer_open, older_open, concluded]
