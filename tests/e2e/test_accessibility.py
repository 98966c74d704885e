"""axe-core in Debian's Chromium on every page of Fördertal (BITV 2.0 / WCAG 2.1 AA): the public
pages, the applicant portal and the staff pages, each page a test of its own. No page may break a
rule of WCAG 2.0/2.1 A or AA that axe rates "serious" or "critical".

The data is built once for the module, through the factories and the real services: a draft, a
case with a request for revision, cases waiting at each task of the flow, two grants (one paid
with its report handed in, one with its report still open), a co-funder and last year's money
to carry over. It is committed, served by a live server of this module, and removed again at
the end: the database is flushed and its state after the migrations restored, as
TransactionTestCase does with serialized_rollback."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from django.db import connection, transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from applicants.services import invitation_create
from budgeting.models import BudgetLine, FundingSource
from budgeting.services.cofunding import pledge_record
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.demo.reports import report_fill_seed
from grants.models import Criterion
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    ProgrammeFactory,
)
from tests.workflow.conftest import staff_member
from tests.workflow.grants import approve_submitted
from workflow.application import services as tasks
from workflow.application.case import case_submit
from workflow.application.flow import ApplicationFlow as FLOW
from workflow.grant import grant_make_final_by_waiver
from workflow.payout import services as payout
from workflow.payout.case import payout_request
from workflow.payout.flow import PayoutFlow as PAYOUT
from workflow.report.case import report_case_submit
from workflow.report.flow import ReportFlow as REPORT
from workflow.selectors import payout_process_of, process_of, report_process_of
from workflow.task_services import task_complete_as

# django_db (not transactional): the module's data is committed once (`world`); each test
# only reads it, inside a transaction that is rolled back.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
BLOCKING = ("serious", "critical")
TARGETS_SHOWN = 3


@dataclass
class World:
    """The people, and the keys and addresses (`refs`) of what the pages show."""

    people: dict[str, object]
    sessions: dict[str, str] = field(default_factory=dict)
    refs: dict[str, int | str] = field(default_factory=dict)
    media: Path | None = None


@dataclass(frozen=True)
class Screen:
    """A page to check: its test id, who looks at it (None: a visitor) and its address."""

    id: str
    who: str | None
    url: Callable[[World], str]


def named(name: str, *args) -> Callable[[World], str]:
    return lambda world: reverse(name, args=[world.refs[arg] for arg in args])


def built(key: str) -> Callable[[World], str]:
    return lambda world: world.refs[key]


SCREENS = [
    # public
    Screen("public-landing", None, named("landing")),
    Screen("public-login", None, named("login")),
    Screen("public-register", None, named("portal:register")),
    Screen("public-password-reset", None, named("password_reset")),
    Screen("public-password-reset-sent", None, named("password_reset_done")),
    Screen("public-transparency", None, named("transparency:index")),
    Screen("public-accessibility", None, named("accessibility")),
    Screen("public-invitation", None, built("invitation")),
    # the applicant portal
    Screen("portal-list", "applicant", named("portal:home")),
    Screen("portal-organisation", "applicant", named("portal:organisation")),
    Screen("portal-organisation-edit", "applicant", named("portal:organisation_edit")),
    Screen("portal-my-data", "applicant", named("portal:my_data")),
    Screen("portal-account-security", "applicant", named("account_security")),
    Screen("portal-application-new", "applicant", named("portal:application_create")),
    Screen("portal-draft-detail", "applicant", named("portal:application_detail", "draft")),
    Screen("portal-draft-edit", "applicant", named("portal:application_edit", "draft")),
    Screen("portal-revision-detail", "applicant", named("portal:application_detail", "revision")),
    Screen("portal-revision-edit", "applicant", named("portal:application_edit", "revision")),
    Screen("portal-grant-detail", "applicant", named("portal:application_detail", "paid")),
    Screen("portal-payment-request", "applicant", named("portal:payment_request", "paid")),
    Screen("portal-change-request", "applicant", named("portal:change_request", "final")),
    Screen("portal-report-detail", "applicant", named("portal:report_detail", "open_report")),
    Screen("portal-report-edit", "applicant", named("portal:report_edit", "open_report")),
    Screen("portal-report-submitted", "applicant", named("portal:report_detail", "report")),
    # the staff pages
    Screen("staff-applications", "caseworker", named("antraege:index")),
    Screen("staff-case-submitted", "caseworker", named("antraege:case", "submitted")),
    Screen("staff-case-grant", "caseworker", named("antraege:case", "paid")),
    Screen("staff-task-formal-check", "caseworker", built("task_formal_check")),
    Screen("staff-task-review", "reviewer", built("task_review")),
    Screen("staff-task-budget-check", "finance", built("task_budget_check")),
    Screen("staff-task-decision", "approver", built("task_decision")),
    Screen("staff-task-payment-factual", "caseworker", built("task_factual")),
    Screen("staff-task-report-check", "caseworker", built("task_report_check")),
    Screen("staff-inbox", "caseworker", named("verfahren:inbox")),
    Screen("staff-queue", "caseworker", named("verfahren:queue")),
    Screen("staff-payment-queue", "caseworker", named("mittelabrufe:queue")),
    Screen("staff-flow-dashboard", "caseworker", named("verfahren:index")),
    Screen("staff-process-detail", "caseworker", built("process_detail")),
    Screen("staff-deadlines", "caseworker", named("antraege:deadlines")),
    Screen("staff-grants", "caseworker", named("antraege:grants")),
    Screen("staff-payments", "caseworker", named("antraege:payments")),
    Screen("staff-reports", "caseworker", named("antraege:reports")),
    Screen("staff-portfolio", "caseworker", named("wirkung:index")),
    Screen("staff-finance-dashboard", "finance", built("finance_dashboard")),
    Screen("staff-budget-lines", "finance", named("finanzen:budgetline:list")),
    Screen("staff-cofunder", "finance", named("finanzen:cofunder", "cofunder")),
    Screen("staff-carry-over", "finance", built("carry_over")),
]


def assign(process, node, user) -> str:
    """Take the open task of `node` as `user` (as the queue's "assign" does); its form's URL."""
    task = process.task_set.get(flow_task=node, status="NEW")
    with node.flow_class.lock(process.pk), transaction.atomic():
        node.activation_class(task).assign(user)
    return node.reverse("execute", args=[process.pk, task.pk])


def build_world(login_session) -> World:
    today = timezone.localdate()
    people = {
        "caseworker": staff_member(CASEWORKER, first_name="Sabine", last_name="Sachbearbeitung"),
        "reviewer": staff_member(REVIEWER, first_name="Gerd", last_name="Gutachter"),
        "finance": staff_member(FINANCE, first_name="Fiona", last_name="Finanzen"),
        "releaser": staff_member(FINANCE, first_name="Rita", last_name="Anordnung"),
        "approver": staff_member(APPROVER, first_name="Bernd", last_name="Bewilliger"),
    }
    membership = MembershipFactory(role="admin", organisation__name="Brücke der Kulturen e. V.")
    applicant = people["applicant"] = membership.user
    organisation = membership.organisation
    MembershipFactory(organisation=organisation, role="member")

    programme = ProgrammeFactory(name="Nachbarschaft verbindet")
    for name, weight in (("Bedarf im Quartier", "2"), ("Wirkung", "1")):
        Criterion.objects.create(programme=programme, name=name, weight=weight)
    call = CallFactory(programme=programme, title=f"Aufruf {today.year + 1}")
    # The projects start today: a payout is booked in the year it is paid (annuality), so the
    # grants are bound in this year's budget whatever the month.
    project_year = today.year
    city = FundingSource.objects.create(name="Stadt Wuppertal – Haushalt", kind="city")
    coding = {"produkt": "1.05.02.01", "kostenstelle": "20500", "sachkonto": "531800"}
    line = BudgetLine.objects.create(
        year=project_year, programme=programme, source=city, appropriation="60000.00", **coding
    )
    # last year's money of the same coding, still free: the carry-over page proposes it
    BudgetLine.objects.create(
        year=project_year - 1, programme=programme, source=city, appropriation="5000.00", **coding
    )
    foundation = FundingSource.objects.create(name="Freudenberg Stiftung", kind="foundation")
    foundation_line = BudgetLine.objects.create(
        year=project_year,
        programme=programme,
        source=foundation,
        produkt="1.05.02.03",
        kostenstelle="20531",
        sachkonto="531820",
        appropriation="25000.00",
    )
    pledge_record(
        source=foundation,
        budget_line=foundation_line,
        amount=Decimal("25000.00"),
        pledged_on=today - datetime.timedelta(days=20),
        user=people["finance"],
    )

    def application(title: str):
        return ApplicationFactory(
            organisation=organisation,
            call=call,
            created_by=applicant,
            title=title,
            project_start=today,
        )

    def complete(app, node, role, service, **data):
        task_complete_as(application=app, node=node, user=people[role], service=service, **data)

    draft = application("Sprachcafé für Nachbarinnen")
    revision = case_submit(application=application("Hausaufgabenhilfe am Rott"), user=applicant)
    complete(
        revision,
        FLOW.formal_check,
        "caseworker",
        tasks.task_formal_check,
        complete=False,
        message="Bitte laden Sie die unterschriebene Satzung hoch.",
    )
    submitted = case_submit(application=application("Elterncafé Oberbarmen"), user=applicant)
    case_submit(application=application("Nähwerkstatt im Quartier"), user=applicant)  # the queue
    in_review = case_submit(application=application("Theater der Generationen"), user=applicant)
    complete(in_review, FLOW.formal_check, "caseworker", tasks.task_formal_check, complete=True)
    to_decide = case_submit(
        application=application("Berufsorientierung für Mädchen"), user=applicant
    )
    complete(to_decide, FLOW.formal_check, "caseworker", tasks.task_formal_check, complete=True)
    complete(
        to_decide,
        FLOW.review,
        "reviewer",
        tasks.task_review,
        scores={c.pk: 4 for c in programme.criteria.all()},
        assessment="Überzeugendes Konzept, die Zielgruppe wird erreicht.",
        recommendation="approve",
        recommended_amount=None,
        no_conflict_of_interest=True,
    )
    complete(
        to_decide,
        FLOW.budget_check,
        "finance",
        tasks.task_budget_check,
        allocations=[(line, to_decide.requested_amount)],
    )

    # Two grants: one paid in part with its report handed in, one with its report still open.
    grants = []
    for title in ("Deutsch im Stadtteil", "Fußball verbindet"):
        grant = case_submit(application=application(title), user=applicant)
        grant = approve_submitted(grant, people, [(line, "8000.00")])
        grants.append(grant_make_final_by_waiver(application=grant, user=applicant))
    paid, final = grants
    request = payout_request(
        application=paid,
        user=applicant,
        amount=Decimal("4000.00"),
        needed_within_two_months=True,
        purpose="Honorare und Material der ersten Monate",
    )
    for node, role, service in (
        (PAYOUT.factual, "caseworker", payout.task_factual),
        (PAYOUT.arithmetic, "finance", payout.task_arithmetic),
        (PAYOUT.release, "releaser", payout.task_release),
    ):
        task_complete_as(
            process=payout_process_of(request),
            node=node,
            user=people[role],
            service=service,
            ok=True,
        )
    second = payout_request(
        application=paid,
        user=applicant,
        amount=Decimal("2000.00"),
        needed_within_two_months=True,
        purpose="Raummiete und Fahrtkosten",
    )
    report = paid.reports.order_by("due_on", "pk").first()
    report_case_submit(report=report_fill_seed(report=report, user=applicant), user=applicant)
    invitation = invitation_create(
        organisation=organisation, user=applicant, email="neue.person@example.org"
    )

    world = World(
        people=people, sessions={who: login_session(user) for who, user in people.items()}
    )
    world.refs.update(
        draft=draft.pk,
        revision=revision.pk,
        submitted=submitted.pk,
        paid=paid.pk,
        final=final.pk,
        report=report.pk,
        open_report=final.reports.order_by("due_on", "pk").first().pk,
        cofunder=foundation.pk,
        invitation=reverse("portal:invitation_accept", args=[invitation.token]),
        finance_dashboard=f"{reverse('finanzen:index')}?year={project_year}",
        carry_over=f"{reverse('finanzen:carry_over')}?year={project_year - 1}",
        process_detail=reverse("verfahren:process_detail", args=[process_of(submitted).pk]),
        task_formal_check=assign(process_of(submitted), FLOW.formal_check, people["caseworker"]),
        task_review=assign(process_of(in_review), FLOW.review, people["reviewer"]),
        task_budget_check=assign(process_of(in_review), FLOW.budget_check, people["finance"]),
        task_decision=assign(process_of(to_decide), FLOW.decision, people["approver"]),
        task_factual=assign(payout_process_of(second), PAYOUT.factual, people["caseworker"]),
        task_report_check=assign(report_process_of(report), REPORT.check, people["caseworker"]),
    )
    return world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory, login_session):
    """The module's data, committed; afterwards the database is as the migrations left it."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        migrated = connection.creation.serialize_db_to_string()
        try:
            world = build_world(login_session)
            world.media = media
            yield world
        finally:
            # as TransactionTestCase does: the sequences run on (PostgreSQL would otherwise hand
            # out the keys of the restored rows again), no post_migrate (it is restored)
            call_command(
                "flush",
                verbosity=0,
                interactive=False,
                reset_sequences=False,
                inhibit_post_migrate=True,
            )
            connection.creation.deserialize_db_from_string(migrated)


@pytest.fixture
def _media(world, settings):
    settings.MEDIA_ROOT = world.media  # where the notices were written while building


@pytest.fixture(scope="module")
def tabs(open_tab, module_live_server, world):
    """One tab per person (and one for visitors), reused by every page of the module."""
    opened = {}

    def tab(who):
        if who not in opened:
            session = world.sessions[who] if who else None
            opened[who] = open_tab(module_live_server.url, session)
        return opened[who]

    yield tab
    for page in opened.values():
        page.context.close()


def blocking_violations(page) -> list[dict]:
    result = Axe().run(page, options=AXE_OPTIONS)
    return [v for v in result.response["violations"] if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        shown = ", ".join(targets[:TARGETS_SHOWN])
        more = f" (+{len(targets) - TARGETS_SHOWN} more)" if len(targets) > TARGETS_SHOWN else ""
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} – {shown}{more}"
        )
    return "\n".join(lines)


@pytest.mark.parametrize("screen", SCREENS, ids=[screen.id for screen in SCREENS])
def test_no_serious_or_critical_wcag_violations(screen, world, tabs, _media):
    page = tabs(screen.who)
    url = screen.url(world)
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200, (url, response and response.status)
    assert page.url.endswith(url), f"{url} led to {page.url}"
    violations = blocking_violations(page)
    assert not violations, f"{url}:\n{describe(violations)}"
    # every page links to the accessibility statement (footer, or the staff pages' menu)
    assert page.locator(f"a[href='{reverse('accessibility')}']").count() == 1, url


def test_the_statement_follows_the_model_and_names_the_contact_of_the_setting(
    settings, world, tabs
):
    settings.ACCESSIBILITY_CONTACT_EMAIL = "barrierefrei@example.org"
    page = tabs(None)
    page.goto(reverse("accessibility"))
    assert page.locator("h2").all_inner_texts() == [
        "Stand der Vereinbarkeit mit den Anforderungen",
        "Nicht barrierefreie Inhalte",
        "Erstellung dieser Erklärung",
        "Feedback und Kontaktangaben",
        "Schlichtungsverfahren",
    ]
    assert "teilweise mit den Anforderungen vereinbar" in page.locator("main").inner_text()
    assert "4. Dezember 2026" in page.locator("main").inner_text()
    assert page.locator("a[href='mailto:barrierefrei@example.org']").count() == 1
