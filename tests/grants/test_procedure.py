"""A case keeps the procedure in force at its submission; the path rules read that copy."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from grants.models import (
    PROCEDURE_FIELDS,
    Application,
    ApplicationStatus,
    CaseProcedure,
    DecisionMode,
    Idea,
    IdeaStage,
    IdeaStatus,
    Programme,
    ReviewMode,
)
from grants.procedure import IDEA_REQUIRED_MESSAGE, review_mode_of, takes_light_track
from grants.rules import CALL, submission_errors
from grants.services.application import application_create, application_submit
from grants.services.case import formal_check_record
from grants.services.errors import NotAllowed, SubmissionRejected
from grants.services.procedure import case_procedure_fix
from tests.factories import ApplicationFactory, CallFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

LIGHT = {"decision_mode": DecisionMode.LIGHT, "light_limit": Decimal("5000.00")}


def programme_change(programme: Programme, **options) -> Programme:
    """Administration changes the programme's procedure, as the admin form saves it."""
    for name, value in options.items():
        setattr(programme, name, value)
    programme.full_clean()
    programme.save()
    return programme


def submitted(draft: Application, user) -> Application:
    application_submit(application=draft, user=user)
    draft.refresh_from_db()
    return draft


def procedure_options(procedure) -> dict:
    return {name: getattr(procedure, name) for name in PROCEDURE_FIELDS}


def idea_of(application: Application, *, status: str) -> Idea:
    """An idea of the application's organisation, handed in under the procedure then in force."""
    programme = application.call.programme
    idea = Idea.objects.create(
        organisation=application.organisation,
        programme=programme,
        procedure=case_procedure_fix(programme=programme),
        status=status,
        title="Nachbarschaftsgarten",
        description="Familien gärtnern gemeinsam.",
        target_group="Familien im Quartier",
        place="Ölberg",
        timeframe="Frühjahr 2027",
        rough_cost=Decimal("9000.00"),
        submitted_by=application.created_by,
    )
    application.idea = idea
    application.save(update_fields=["idea"])
    return idea


# --- the copy ---------------------------------------------------------------------------------


def test_the_copy_holds_every_option_of_the_programme():
    programme = ProgrammeFactory(
        idea_stage=IdeaStage.OPTIONAL,
        review_mode=ReviewMode.PANEL,
        panel_size=4,
        spread_threshold=Decimal("1.50"),
        decision_mode=DecisionMode.LIGHT,
        light_limit=Decimal("2500.00"),
        proof_of_use="simplified",
        sample_share=Decimal("15.00"),
    )
    procedure = case_procedure_fix(programme=programme)
    assert procedure.pk is not None and procedure.programme == programme
    assert procedure_options(procedure) == procedure_options(programme)


def test_a_programme_whose_options_do_not_fit_together_gives_no_copy():
    programme = ProgrammeFactory()
    Programme.objects.filter(pk=programme.pk).update(review_mode=ReviewMode.NONE)
    programme.refresh_from_db()
    with pytest.raises(ValidationError, match="vereinfachten Verfahren"):
        case_procedure_fix(programme=programme)
    assert not CaseProcedure.objects.exists()


def test_a_draft_has_no_procedure_yet(draft):
    assert draft.procedure is None


def test_the_first_submission_fixes_a_copy_of_the_programmes_procedure(draft, applicant):
    application = submitted(draft, applicant)
    procedure = application.procedure
    assert procedure.programme == application.call.programme
    assert procedure_options(procedure) == procedure_options(application.call.programme)
    entry = AuditEntry.objects.get(action="grants.application.submitted")
    assert entry.after["procedure"]["id"] == procedure.pk
    assert entry.after["procedure"]["review_mode"] == ReviewMode.SINGLE


def test_every_case_gets_its_own_copy(draft, applicant, call, organisation):
    other = ApplicationFactory(organisation=organisation, call=call, created_by=applicant)
    first, second = submitted(draft, applicant), submitted(other, applicant)
    assert first.procedure_id != second.procedure_id


def test_a_resubmission_keeps_the_procedure_of_the_first_submission(draft, applicant, programme):
    application = submitted(draft, applicant)
    fixed = application.procedure_id
    formal_check_record(
        application=application, user=applicant, complete=False, message="Satzung fehlt"
    )
    programme_change(programme, review_mode=ReviewMode.PANEL, spread_threshold=Decimal("1"))
    application = submitted(application, applicant)
    assert application.procedure_id == fixed
    assert review_mode_of(application) == ReviewMode.SINGLE
    assert CaseProcedure.objects.count() == 1


# --- a later change of the programme ----------------------------------------------------------


def test_raising_the_light_limit_changes_later_cases_only(applicant, organisation):
    programme = ProgrammeFactory(review_mode=ReviewMode.NONE, **LIGHT)
    call = CallFactory(programme=programme)
    running = submitted(
        ApplicationFactory(organisation=organisation, call=call, created_by=applicant), applicant
    )
    assert not takes_light_track(running)  # 8,000 above 5,000

    programme_change(programme, light_limit=Decimal("10000.00"))

    running = Application.objects.get(pk=running.pk)
    assert running.procedure.light_limit == Decimal("5000.00")
    assert not takes_light_track(running)
    assert review_mode_of(running) == ReviewMode.SINGLE
    later = submitted(
        ApplicationFactory(organisation=organisation, call=call, created_by=applicant), applicant
    )
    assert later.procedure.light_limit == Decimal("10000.00")
    assert takes_light_track(later)
    assert review_mode_of(later) == ReviewMode.NONE


def test_a_panel_chosen_later_reviews_later_cases_only(draft, applicant, programme, call):
    running = submitted(draft, applicant)
    assert review_mode_of(running) == ReviewMode.SINGLE

    programme_change(
        programme, review_mode=ReviewMode.PANEL, panel_size=3, spread_threshold=Decimal("1.50")
    )

    running = Application.objects.get(pk=running.pk)
    assert running.procedure.review_mode == ReviewMode.SINGLE
    assert review_mode_of(running) == ReviewMode.SINGLE
    later = submitted(
        ApplicationFactory(organisation=draft.organisation, call=call, created_by=applicant),
        applicant,
    )
    assert review_mode_of(later) == ReviewMode.PANEL
    assert later.procedure.panel_size == 3


def test_an_idea_stage_required_later_binds_later_cases_only(draft, applicant, programme, call):
    running = submitted(draft, applicant)
    formal_check_record(application=running, user=applicant, complete=False, message="Satzung")

    programme_change(programme, idea_stage=IdeaStage.REQUIRED)

    running = Application.objects.get(pk=running.pk)
    assert running.procedure.idea_stage == IdeaStage.NONE
    assert submission_errors(running, today=timezone.localdate()) == {}
    assert submitted(running, applicant).status == ApplicationStatus.SUBMITTED
    later = ApplicationFactory(organisation=draft.organisation, call=call, created_by=applicant)
    with pytest.raises(SubmissionRejected) as refused:
        application_submit(application=later, user=applicant)
    assert refused.value.errors == {CALL: [str(IDEA_REQUIRED_MESSAGE)]}


# --- the light track ----------------------------------------------------------------------------


def light_case(requested: str, **options) -> Application:
    programme = ProgrammeFactory(**({"review_mode": ReviewMode.NONE} | LIGHT | options))
    return ApplicationFactory(
        call=CallFactory(programme=programme),
        status=ApplicationStatus.SUBMITTED,
        requested_amount=Decimal(requested),
    )


def test_a_case_at_the_limit_takes_the_light_track():
    case = light_case("5000.00")
    assert takes_light_track(case)
    assert review_mode_of(case) == ReviewMode.NONE


def test_one_cent_above_the_limit_takes_the_standard_path_with_one_reviewer():
    case = light_case("5000.01")
    assert not takes_light_track(case)
    assert review_mode_of(case) == ReviewMode.SINGLE


def test_above_the_limit_a_light_programme_with_a_panel_sends_the_case_to_the_panel():
    case = light_case(
        "5000.01", review_mode=ReviewMode.PANEL, panel_size=3, spread_threshold=Decimal("2")
    )
    assert review_mode_of(case) == ReviewMode.PANEL
    assert (
        review_mode_of(
            light_case("4999.99", review_mode=ReviewMode.PANEL, spread_threshold=Decimal("2"))
        )
        == ReviewMode.NONE
    )


def test_a_standard_programme_never_takes_the_light_track():
    case = ApplicationFactory(
        status=ApplicationStatus.SUBMITTED, requested_amount=Decimal("100.00")
    )
    assert not takes_light_track(case)
    assert review_mode_of(case) == ReviewMode.SINGLE


# --- the required idea stage ------------------------------------------------------------------


@pytest.fixture
def idea_required(programme):
    return programme_change(programme, idea_stage=IdeaStage.REQUIRED)


def test_without_an_invitation_the_submission_is_refused_with_the_reason(
    idea_required, draft, applicant
):
    with pytest.raises(SubmissionRejected) as refused:
        application_submit(application=draft, user=applicant)
    assert refused.value.errors == {CALL: [str(IDEA_REQUIRED_MESSAGE)]}
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT and draft.procedure is None
    assert not CaseProcedure.objects.exists()


@pytest.mark.parametrize("status", [IdeaStatus.SUBMITTED, IdeaStatus.REFERRED, IdeaStatus.DECLINED])
def test_an_idea_not_invited_does_not_open_the_submission(idea_required, draft, applicant, status):
    idea_of(draft, status=status)
    with pytest.raises(SubmissionRejected, match="Projektidee"):
        application_submit(application=draft, user=applicant)


def test_with_an_invited_idea_the_case_keeps_the_procedure_of_the_idea(
    idea_required, draft, applicant, programme
):
    idea = idea_of(draft, status=IdeaStatus.INVITED)
    programme_change(programme, review_mode=ReviewMode.PANEL, spread_threshold=Decimal("1"))
    application = submitted(draft, applicant)
    assert application.procedure_id == idea.procedure_id
    assert review_mode_of(application) == ReviewMode.SINGLE


def test_an_optional_idea_stage_needs_no_idea(programme, draft, applicant):
    programme_change(programme, idea_stage=IdeaStage.OPTIONAL)
    assert submitted(draft, applicant).status == ApplicationStatus.SUBMITTED


def test_the_portal_shows_the_reason_before_the_applicant_submits(
    idea_required, draft, applicant_client
):
    page = applicant_client.get(reverse("portal:application_detail", args=[draft.pk]))
    assert page.status_code == 200
    assert "zuerst eine Projektidee" in page.content.decode()


def test_the_service_starts_no_draft_where_an_idea_is_required(
    idea_required, call, applicant, organisation
):
    with pytest.raises(NotAllowed, match="Projektidee"):
        application_create(organisation=organisation, call=call, user=applicant, title="Café")
    assert not Application.objects.exists()
