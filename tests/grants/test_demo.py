"""The demo data of `make run`: seed_demo and demo_logins."""

import re
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

import grants.services.application as application_services
from applicants.iban import parse_iban
from applicants.models import BankAccount, Membership, Organisation
from budgeting.models import BudgetLine, CoFundingPledge, LedgerEntry, LedgerEntryKind
from budgeting.services.cofunding import received_on_pledge
from core.models import AuditEntry, District
from core.money import sum_money
from core.roles import FINANCE, REVIEWER, ROLES
from grants.demo import DEMO_PASSWORD, DEMO_USERS
from grants.demo.people import CASEWORKER_EMAIL
from grants.demo.programmes import EDUCATION, ENGAGED, NEIGHBOURHOOD, SMALL
from grants.models import (
    PROCEDURE_FIELDS,
    AdviceRecord,
    Application,
    ApplicationIndicator,
    ApplicationStatus,
    Attachment,
    Call,
    CaseProcedure,
    CostLine,
    Criterion,
    DecisionMode,
    FinancingKind,
    FinancingLine,
    FinancingType,
    Idea,
    IdeaStage,
    Indicator,
    IndicatorActual,
    IndicatorLevel,
    PanelScore,
    PanelSeat,
    Programme,
    ProofOfUse,
    ReferenceCounter,
    ReportKind,
    ReportSample,
    ReportStatus,
    RequiredDocument,
    Review,
    ReviewMode,
)
from grants.panel import case_panel_result
from grants.rules import submission_errors
from grants.sampling import drawn_positions
from tests.factories import OrganisationFactory
from workflow.application.flow import ApplicationFlow
from workflow.selectors import process_of
from workflow.task_services import OPEN_STATUSES

pytestmark = pytest.mark.django_db

COUNTED = (
    get_user_model(),
    Group,
    Membership,
    Organisation,
    BankAccount,
    Programme,
    Call,
    RequiredDocument,
    Criterion,
    Application,
    CostLine,
    FinancingLine,
    Indicator,
    ApplicationIndicator,
    IndicatorActual,
    Attachment,
    AuditEntry,
    BudgetLine,
    CoFundingPledge,
    LedgerEntry,
    Idea,
    AdviceRecord,
    CaseProcedure,
    PanelSeat,
    PanelScore,
    ReportSample,
)


def counts() -> dict[str, int]:
    numbers = {model.__name__: model.objects.count() for model in COUNTED}
    numbers["references"] = sum(ReferenceCounter.objects.values_list("last_number", flat=True))
    return numbers


def seed(*args) -> str:
    out = StringIO()
    call_command("seed_demo", "--force", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_refuses_outside_development_without_force():
    with pytest.raises(CommandError, match="nur in der Entwicklung"):
        call_command("seed_demo", stdout=StringIO())
    assert not Organisation.objects.exists()


@pytest.fixture
def checked_submissions(monkeypatch):
    """The rule check of every submission, as application_submit saw it."""
    seen = []

    def recording(application, *, today):
        errors = submission_errors(application, today=today)
        seen.append((application.title, errors))
        return errors

    monkeypatch.setattr(application_services, "submission_errors", recording)
    return seen


@pytest.fixture
def seeded(checked_submissions):
    output = seed("--if-empty")
    return output


def test_seed_on_empty_database_prints_a_german_summary(seeded):
    assert "Demodaten angelegt" in seeded
    assert "Förderprogramme: 4" in seeded
    assert "Projektideen: 7" in seeded
    assert "Organisationen: 10" in seeded


def test_four_programmes_of_three_financing_types(seeded):
    programmes = {p.name: p for p in Programme.objects.all()}
    assert set(programmes) == {SMALL, NEIGHBOURHOOD, EDUCATION, ENGAGED}
    assert {p.financing_type for p in programmes.values()} == {
        FinancingType.FIXED,
        FinancingType.SHARE,
        FinancingType.GAP,
    }
    assert programmes[SMALL].financing_type == FinancingType.FIXED
    assert programmes[NEIGHBOURHOOD].funding_rate == Decimal("80.00")
    assert programmes[NEIGHBOURHOOD].eligible_districts.count() == 6
    assert programmes[SMALL].eligible_districts.count() == 10
    assert programmes[EDUCATION].financing_type == FinancingType.GAP
    assert "Kofinanziert von der Freudenberg Stiftung" in programmes[EDUCATION].description
    assert programmes[ENGAGED].funding_rate == Decimal("90.00")
    today = timezone.localdate()
    for programme in programmes.values():
        programme.full_clean()
        assert 1 <= programme.required_documents.count() <= 3
        assert 3 <= programme.criteria.count() <= 4
        assert programme.themes.exists()
        open_calls = list(Call.objects.open_now().filter(programme=programme))
        assert len(open_calls) == 1
        assert (open_calls[0].closes_on - today).days >= 90
    closed = Call.objects.exclude(pk__in=Call.objects.open_now())
    assert closed.count() == 1
    assert closed.get().closes_on.year == today.year - 1


def procedure(programme) -> dict:
    return {name: getattr(programme, name) for name in PROCEDURE_FIELDS}


def test_each_programme_runs_its_own_procedure(seeded):
    programmes = {p.name: p for p in Programme.objects.all()}
    small = programmes[SMALL]
    assert (small.decision_mode, small.light_limit) == (DecisionMode.LIGHT, Decimal("2000.00"))
    assert small.review_mode == ReviewMode.NONE
    assert (small.proof_of_use, small.sample_share) == (ProofOfUse.SIMPLIFIED, Decimal("10.00"))
    assert small.light_limit < small.max_amount  # a case above the limit takes the standard path
    engaged = programmes[ENGAGED]
    assert engaged.idea_stage == IdeaStage.REQUIRED
    assert (engaged.review_mode, engaged.panel_size) == (ReviewMode.PANEL, 3)
    assert engaged.spread_threshold == Decimal("1.00")
    assert (engaged.decision_mode, engaged.proof_of_use) == (
        DecisionMode.STANDARD,
        ProofOfUse.FULL,
    )
    standard = procedure(Programme(name="neu"))  # the model's defaults: the standard procedure
    assert procedure(programmes[NEIGHBOURHOOD]) == standard
    assert procedure(programmes[EDUCATION]) == standard
    for programme in programmes.values():
        assert programme.procedure_errors() == {}


def test_three_people_of_fachgutachten_can_sit_on_a_jury(seeded):
    reviewers = get_user_model().objects.filter(groups__name=REVIEWER, is_staff=True)
    assert reviewers.count() >= Programme.objects.get(name=ENGAGED).panel_size == 3
    for reviewer in reviewers:
        assert reviewer.check_password(DEMO_PASSWORD)
        assert not reviewer.memberships.exists()


def test_organisations_cover_every_district_with_valid_accounts(seeded):
    organisations = Organisation.objects.all()
    assert organisations.count() >= 8
    assert set(organisations.values_list("district", flat=True)) == set(
        District.objects.values_list("pk", flat=True)
    )
    assert len(set(organisations.values_list("legal_form", flat=True))) >= 4
    for organisation in organisations:
        organisation.full_clean()
        iban = parse_iban(organisation.bank_account.iban)
        assert iban.compact == organisation.bank_account.iban
        assert organisation.bank_account.bank_name
        admin = organisation.memberships.get(
            role=Membership.Role.ADMIN, user__email__startswith="kontakt@"
        )
        assert admin.user.check_password(DEMO_PASSWORD)
        assert admin.user.groups.filter(name="Antragsteller").exists()


def test_one_user_per_role(seeded):
    users = get_user_model().objects
    assert {person.role for person in DEMO_USERS} == set(ROLES)
    for person in DEMO_USERS:
        user = users.get(email=person.email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.first_name and user.last_name
        assert user.groups.filter(name=person.role).exists()
        assert user.is_staff == (person.role != "Antragsteller")
    admin = users.get(email="admin@demo.foerdertal.de")
    assert admin.is_staff and not admin.is_superuser
    applicant = users.get(email="antrag@demo.foerdertal.de")
    roles = dict(applicant.memberships.values_list("role", "organisation__name"))
    assert set(roles) == {Membership.Role.ADMIN, Membership.Role.MEMBER}


def test_applications_in_every_state(seeded, checked_submissions):
    applications = Application.objects.all()
    assert applications.count() >= 12
    assert set(applications.values_list("status", flat=True)) >= {
        ApplicationStatus.DRAFT,
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.REVISION_REQUESTED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.AWAITING_DECISION,
        ApplicationStatus.APPROVED,
        ApplicationStatus.REJECTED,
        ApplicationStatus.WITHDRAWN,
    }
    assert len(set(applications.values_list("organisation", flat=True))) == 10
    assert len(set(applications.values_list("call__programme", flat=True))) == 4
    submitted = applications.exclude(status=ApplicationStatus.DRAFT)
    assert submitted.count() >= 8
    assert sorted(title for title, _errors in checked_submissions) == sorted(
        submitted.values_list("title", flat=True)
    )
    assert all(errors == {} for _title, errors in checked_submissions)
    for application in submitted:
        assert re.fullmatch(r"ZI-\d{4}-\d{4}", application.reference)
        assert application.submitted_by is not None
        day = timezone.localdate(application.submitted_at)
        assert submission_errors(application, today=day) == {}
        assert (
            AuditEntry.objects.for_object(application)
            .filter(action="grants.application.submitted")
            .exists()
        )
        attached = set(application.attachments.values_list("required_document", flat=True))
        assert attached == set(
            application.programme.required_documents.values_list("pk", flat=True)
        )
        for attachment in application.attachments.all():
            assert attachment.content_type == "application/pdf"
            with attachment.file.open("rb") as handle:
                assert handle.read(8) == b"%PDF-1.4"
    assert (
        applications.filter(reference__isnull=True).count()
        == applications.filter(status=ApplicationStatus.DRAFT).count()
    )


def test_plans_balance_and_respect_the_financing_type(seeded):
    for application in Application.objects.filter(status=ApplicationStatus.SUBMITTED):
        costs = sum_money(line.amount for line in application.cost_lines.all())
        funds = sum_money(line.amount for line in application.financing_lines.all())
        assert costs == funds + application.requested_amount
        programme = application.programme
        assert application.requested_amount <= programme.max_amount
        if programme.financing_type == FinancingType.SHARE:
            assert application.requested_amount <= costs * programme.funding_rate / 100
        assert application.financing_lines.filter(kind=FinancingKind.OWN).exists()
        if programme.financing_type == FinancingType.GAP:
            assert application.financing_lines.filter(
                kind=FinancingKind.FOUNDATION, source_name="Freudenberg Stiftung"
            ).exists()


def test_running_twice_creates_nothing_new(seeded):
    before = counts()
    output = seed()
    assert counts() == before
    assert "bereits vollständig vorhanden" in output


def coding(line) -> tuple:
    return (line.programme_id, line.source_id, line.produkt, line.kostenstelle, line.sachkonto)


def test_last_years_free_money_is_carried_over_and_the_cofunders_pledged_once(seeded, client):
    seed()  # the second run must neither carry over again nor pledge again
    year = timezone.localdate().year
    last = {coding(line): line for line in BudgetLine.objects.filter(year=year - 1).with_amounts()}
    this = {coding(line): line for line in BudgetLine.objects.filter(year=year).with_amounts()}
    assert len(last) == 6 and set(last) == set(this)  # the city line of each programme, two more
    for key, old in last.items():
        rest = old.appropriation - old.blocked
        assert Decimal("1000.00") <= rest <= Decimal("5000.00")
        assert old.carried_forward == rest and old.free == Decimal("0.00")
        assert this[key].carry_over == rest
    assert LedgerEntry.objects.filter(kind=LedgerEntryKind.CARRY_OUT).count() == 6

    pledges = {p.source.name: p for p in CoFundingPledge.objects.select_related("source")}
    assert CoFundingPledge.objects.count() == 2
    foundation, land = pledges["Freudenberg Stiftung"], pledges["Land NRW – KOMM-AN NRW"]
    assert (foundation.amount, foundation.budget_line.year) == (Decimal("25000.00"), year)
    assert "Bildungschancen" in foundation.budget_line.programme.name
    assert "Lernpatenschaften" in foundation.conditions
    assert (land.amount, land.budget_line.year) == (Decimal("60000.00"), year)
    assert "Nachbarschaft" in land.budget_line.programme.name
    for pledge in (foundation, land):
        assert received_on_pledge(pledge) == pledge.amount / 2
        assert pledge.ledger_entries.count() == 1

    finance = next(person for person in DEMO_USERS if person.role == FINANCE)
    client.force_login(get_user_model().objects.get(email=finance.email))
    for pledge, pledged, received in (
        (foundation, "25.000,00", "12.500,00"),
        (land, "60.000,00", "30.000,00"),
    ):
        page = client.get(f"/staff/finanzen/kofinanzierer/{pledge.source_id}/").content.decode()
        assert f"{pledged}\N{NO-BREAK SPACE}€" in page
        assert f"{received}\N{NO-BREAK SPACE}€" in page


def test_each_programme_has_its_catalogue_once_after_seeding_twice(seeded):
    seed()
    for programme in Programme.objects.all():
        catalogue = list(programme.indicators.all())
        codes = [indicator.code for indicator in catalogue]
        assert len(codes) == len(set(codes)) >= 5
        assert {"TERMINE", "TN", "TN-NEU", "QUOTE"} <= set(codes)
        assert any(indicator.mandatory for indicator in catalogue)
        for indicator in catalogue:
            indicator.full_clean()
    education = Programme.objects.get(name="Bildungschancen plus").indicators
    german = education.get(code="DEUTSCH")
    assert (german.level, german.step, german.unit) == (IndicatorLevel.OUTCOME, 4, "percent")
    assert german.mandatory and german.about_people and german.method == "language_test"
    assert german.monitoring_field.startswith("Integrationsmonitoring NRW")
    assert education.get(code="ELTERN").step == 5
    assert Indicator.objects.filter(code="TN", about_people=True).count() == 4


def test_submitted_demo_applications_commit_to_indicators_with_targets(seeded):
    submitted = Application.objects.exclude(status=ApplicationStatus.DRAFT)
    for application in submitted:
        chosen = list(application.indicators.select_related("indicator"))
        assert len(chosen) >= 3
        assert all(row.target is not None for row in chosen)
        mandatory = application.programme.indicators.filter(mandatory=True)
        assert set(mandatory) <= {row.indicator for row in chosen}
    assert ApplicationIndicator.objects.filter(indicator__isnull=True).count() >= 2
    # A draft chose two indicators without targets; the mandatory one was added by itself.
    draft = Application.objects.get(title="MINT-Werkstatt Ronsdorf")
    codes = set(draft.indicators.values_list("indicator__code", flat=True))
    assert codes == {"TERMINE", "TN", "DEUTSCH"}
    assert not draft.indicators.filter(target__isnull=False).exists()


def test_the_final_demo_grant_has_a_first_state_of_its_indicators(seeded):
    grant = Application.objects.get(title="Arrenberger Tafelrunde – Nachbarn kochen gemeinsam")
    assert grant.status == ApplicationStatus.FINAL
    report = grant.reports.order_by("due_on", "pk").first()
    actuals = list(IndicatorActual.objects.filter(report=report))
    assert len(actuals) == grant.indicators.count()
    assert all(actual.value is not None and actual.status for actual in actuals)
    assert len({actual.status for actual in actuals}) >= 2


def test_if_empty_does_nothing_on_a_seeded_database(seeded):
    before = counts()
    output = seed("--if-empty")
    assert counts() == before
    assert "keine Demodaten" in output


def test_if_empty_leaves_a_database_with_real_organisations_alone(django_user_model):
    OrganisationFactory()
    output = seed("--if-empty")
    assert Programme.objects.count() == 0
    assert not django_user_model.objects.filter(email__endswith="demo.foerdertal.de").exists()
    assert "keine Demodaten" in output


def test_demo_logins_lists_every_role(seeded):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    output = out.getvalue()
    for person in DEMO_USERS:
        assert person.email in output
    assert "Passwort" in output
    assert f" {DEMO_PASSWORD} " in output
    for role in ROLES:
        assert role in output
    assert "kontakt@kulturverein-elberfeld.demo.foerdertal.de" in output
    assert "seed_demo" not in output


def test_demo_logins_before_seeding_points_to_seed_demo():
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert "antrag@demo.foerdertal.de" in out.getvalue()
    assert "seed_demo" in out.getvalue()


def open_tasks(application) -> set:
    process = process_of(application)
    return {task.flow_task for task in process.task_set.filter(status__in=OPEN_STATUSES)}


def test_demo_cases_in_every_state_of_the_procedures(seeded):
    """The light track waiting for and after its decision, a simplified report handed in and
    one drawn for the full check, a jury with one vote of three and one complete and flagged."""
    caseworker = get_user_model().objects.get(email=CASEWORKER_EMAIL)
    light = {a.title: a for a in Application.objects.filter(call__programme__name=SMALL)}

    waiting = light["Deutsch-Treff für Seniorinnen in Ronsdorf"]
    assert waiting.status == ApplicationStatus.AWAITING_DECISION
    assert open_tasks(waiting) == {ApplicationFlow.light_decision}
    assert (
        not Review.objects.filter(application__call__programme__name=SMALL)
        .exclude(
            application__title="Fest der Kulturen Vohwinkel"  # 2.500 €: above the light limit
        )
        .exists()
    )

    submitted = light["Griechischer Tanzabend für die Nachbarschaft"]
    drawn = light["Spielenachmittage der Generationen in Langerfeld"]
    for decided in (submitted, drawn):
        assert decided.decision.decided_by == caseworker
        assert decided.status == ApplicationStatus.FINAL
    report = submitted.reports.get(kind=ReportKind.FINAL)
    assert report.simplified and report.status == ReportStatus.SUBMITTED
    assert not report.receipts.exists()
    report = drawn.reports.get(kind=ReportKind.FINAL)
    assert report.simplified and report.drawn_for_full_check
    assert report.status == ReportStatus.REVISION_REQUESTED
    assert report.sample_position in drawn_positions(
        report.sample.seed, report.sample.size, drawn.procedure.sample_share
    )

    jury = {
        a.title: a
        for a in Application.objects.filter(call__programme__name=ENGAGED).prefetch_related(
            "panel_seats"
        )
    }
    one = case_panel_result(jury["Patenschaften für neue Nachbarn in Wichlinghausen"])
    assert (one.seats, one.submitted) == (3, 1)
    complete_case = jury["Ehrenamtsschule für Frauen in Heckinghausen"]
    complete = case_panel_result(complete_case)
    assert complete.is_complete and complete.flagged and complete.spread == Decimal("3.00")
    assert complete_case.status == ApplicationStatus.AWAITING_DECISION
    assert open_tasks(complete_case) == {ApplicationFlow.decision}
    assert jury["Elternlotsinnen für die Kitas in Uellendahl"].status == ApplicationStatus.DRAFT
