"""The three procedures of issue 15, each walked end to end in Debian's Chromium through the
real pages (DOMAIN.md, "Procedures per programme").

(a) Kleinprojektefonds, light track: the applicant submits in the portal, Sachbearbeitung does
    the formal check, Finanzen the budget check, and Sachbearbeitung decides alone: the notice
    is issued.
(b) Standard ("Nachbarschaft verbindet"), briefly: submit, formal check, one review, budget
    check, Bewilligung.
(c) "Vielfältig engagiert!": the applicant hands in a project idea; Sachbearbeitung records the
    advice and invites; the applicant completes and submits the prefilled draft; formal check;
    Sachbearbeitung seats the jury; three reviewers score; the ranking of the call shows the
    case; budget check; Bewilligung decides.

The static set-up comes from factories (programmes with their procedure, calls, criteria,
budget lines, people); a draft's long cost plan is filled through the service, which is not the
subject here. Every step that moves a case happens in the browser. The main pages are
photographed at 1366 and 390 px into `screens/` under the test's tmp_path, and no portal page
scrolls sideways at 390 px.
"""

import datetime
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from budgeting.models import BudgetLine, FundingSource
from core.models import District
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import (
    Application,
    ApplicationStatus,
    CostLine,
    Criterion,
    DecisionMode,
    FinancingLine,
    FinancingType,
    IdeaStage,
    PanelSeat,
    ProofOfUse,
    Review,
    ReviewMode,
)
from grants.services.application import PlanLine, application_save_draft
from tests.core.login_helpers import staff_person
from tests.e2e.test_lifecycle import card_of, fill, score, status_on_case
from tests.factories import ApplicationFactory, CallFactory, MembershipFactory, ProgrammeFactory

pytestmark = [
    pytest.mark.browser,
    # A live server needs committed data; the districts of the data migration come back
    # after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

TIMEOUT_MS = 15_000
WIDE, NARROW = 1366, 390
REFERENCE = re.compile(r"ZI-\d{4}-\d{4}")
LIGHT_DECISION = "Entscheidung im vereinfachten Verfahren"  # the light track's decision task
IDEA_TITLE = "Patenschaften für neue Nachbarn"
# The page scrolls sideways: the innermost elements that reach beyond the screen (else none).
WIDER_THAN_SCREEN = """() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return [];
    const clipped = (e) => {
        for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
            if (getComputedStyle(a).overflowX !== "visible") return true;
        }
        return false;
    };
    const beyond = [...document.body.querySelectorAll("*")].filter(
        (e) => e.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(e)
    );
    return beyond.filter((e) => !beyond.some((o) => o !== e && e.contains(o))).slice(0, 5)
        .map((e) => `${e.tagName.toLowerCase()}.${[...e.classList].join(".")}`
            + ` ${Math.round(e.getBoundingClientRect().right)}px`);
}"""


# --- the set-up --------------------------------------------------------------------------------


def programme_with_call(name: str, **options):
    """A programme with an open call, two criteria and a city budget line of 50.000,00 €."""
    programme = ProgrammeFactory(name=name, **options)
    call = CallFactory(programme=programme, title=f"Aufruf {timezone.localdate().year}")
    Criterion.objects.create(programme=programme, name="Wirkung", weight="2")
    Criterion.objects.create(programme=programme, name="Umsetzbarkeit", weight="1")
    source, _created = FundingSource.objects.get_or_create(
        name="Stadt Wuppertal – Haushalt", defaults={"kind": "city"}
    )
    BudgetLine.objects.create(
        year=timezone.localdate().year,
        programme=programme,
        source=source,
        produkt="1.05.02.01",
        kostenstelle="20500",
        sachkonto="531800",
        appropriation=Decimal("50000.00"),
    )
    return call


def this_years_project() -> dict:
    """The project starts today: its budget check binds this year's line (annuality)."""
    today = timezone.localdate()
    return {"project_start": today, "project_end": today + datetime.timedelta(days=150)}


def applicant():
    """An organisation's administrator (the portal needs no second factor)."""
    return MembershipFactory(role="admin", user__first_name="Amina", user__last_name="Haddad").user


@pytest.fixture
def staff() -> dict:
    """One person per step; three jurors besides the one reviewer of the standard path."""
    return {
        "caseworker": staff_person(CASEWORKER, first_name="Sabine", last_name="Sachbearbeitung"),
        "finance": staff_person(FINANCE, first_name="Fiona", last_name="Finanzen"),
        "approver": staff_person(APPROVER, first_name="Bernd", last_name="Bewilliger"),
        "reviewer": staff_person(REVIEWER, first_name="Gerd", last_name="Gutachter"),
        "juror1": staff_person(REVIEWER, first_name="Jana", last_name="Jury"),
        "juror2": staff_person(REVIEWER, first_name="Jonas", last_name="Jury"),
        "juror3": staff_person(REVIEWER, first_name="Jule", last_name="Jury"),
    }


@pytest.fixture
def patience():
    """Longer waits than expect()'s 5 s: the decision renders the notice (PDF/A)."""
    expect.set_options(timeout=TIMEOUT_MS)
    yield
    expect.set_options(timeout=5_000)


class Album:
    """Screenshots of a page at 1366 and at 390 px; portal pages must not scroll sideways."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def shot(self, page: Page, name: str, *, portal: bool = False) -> None:
        self.count += 1
        for width in (WIDE, NARROW):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(
                path=self.folder / f"{self.count:02d}-{name}-{width}.png", full_page=True
            )
            if portal and width == NARROW:
                wider = page.evaluate(WIDER_THAN_SCREEN)
                assert not wider, f"{name}: wider than the {NARROW} px screen: {wider}"
        page.set_viewport_size({"width": WIDE, "height": 900})


@pytest.fixture
def album(tmp_path) -> Album:
    return Album(tmp_path / "screens")


class Desk:
    """The people at their own browser tabs (tab_for: logged in, the second factor passed)."""

    def __init__(self, tab_for, people: dict):
        self.tabs = {}
        for role, user in people.items():
            tab = tab_for(user, viewport={"width": WIDE, "height": 900})
            tab.context.set_default_timeout(TIMEOUT_MS)
            self.tabs[role] = tab
        self.case_url = ""
        self.reference = ""

    def open(self, role: str, path: str) -> Page:
        page = self.tabs[role]
        response = page.goto(path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return page

    def take_task(self, role: str, title: str, button: str = "Abschließen") -> Page:
        """On the case page: "Übernehmen", back to the case, then "Bearbeiten": the task's
        form with its `button`."""
        page = self.open(role, self.case_url)
        task = page.locator("ul.case-tasks > li").filter(has_text=title)
        task.get_by_role("button", name="Übernehmen").click()
        expect(page.get_by_role("button", name="Übernehmen")).to_have_count(0)
        if page.url != self.case_url:  # viewflow shows its process page after the assignment
            page = self.open(role, self.case_url)
        task.get_by_role("link", name="Bearbeiten").click()
        expect(page.get_by_role("button", name=button, exact=True)).to_be_visible()
        expect(page.locator("main")).to_contain_text(self.reference)
        return page

    def finish_task(self, role: str, button: str = "Abschließen") -> Page:
        page = self.tabs[role]
        page.get_by_role("button", name=button, exact=True).click()
        expect(page).to_have_url(self.case_url)
        expect(page.locator(".case-tasks")).to_be_visible()
        return page

    # --- the steps every path shares --------------------------------------------------------

    def submit_draft(self, application: Application, album: Album, name: str) -> Page:
        """The applicant opens the complete draft and submits it."""
        page = self.open("applicant", f"/portal/antraege/{application.pk}/bearbeiten/")
        album.shot(page, f"{name}-draft", portal=True)
        page.get_by_role("button", name="Speichern und einreichen").click()
        message = page.get_by_role("status").filter(has_text="Ihr Antrag ist eingereicht")
        expect(message).to_contain_text(REFERENCE)
        self.reference = REFERENCE.search(message.inner_text()).group(0)
        album.shot(page, f"{name}-submitted", portal=True)
        page = self.open("caseworker", "/staff/antraege/")
        page.get_by_role("link", name=self.reference).click()
        expect(page.locator(".case-tasks")).to_contain_text("Vollständigkeitsprüfung")
        self.case_url = page.url
        return page

    def formal_check(self, album: Album, name: str) -> Page:
        page = self.take_task("caseworker", "Vollständigkeitsprüfung")
        page.get_by_label(re.compile("^Vollständig")).check()
        page = self.finish_task("caseworker")
        album.shot(page, f"{name}-complete")
        return page

    def budget_check(self, amount: str, album: Album, name: str) -> Page:
        page = self.take_task("finance", "Haushaltsprüfung")
        page.get_by_label(re.compile(r"frei: ")).first.fill(amount)
        page = self.finish_task("finance")
        album.shot(page, f"{name}-budget-checked")
        return page

    def decide(self, role: str, title: str, album: Album, name: str) -> Page:
        page = self.take_task(role, title)
        album.shot(page, f"{name}-decision")
        page.get_by_label("Bewilligung", exact=True).check()
        page = self.finish_task(role)
        expect(status_on_case(page)).to_have_text("Bewilligt – noch nicht bestandskräftig")
        expect(card_of(page, "Bescheide")).to_contain_text("Zuwendungsbescheid v1")
        album.shot(page, f"{name}-approved")
        return page


def no_task_titled(page: Page, title: str) -> None:
    """No step of the case's process has this title ("Fachliche Prüfung – Neu")."""
    task = page.locator("ul.case-tasks > li").filter(has_text=re.compile(rf"^\s*{title}\s+–"))
    expect(task).to_have_count(0)


# --- (a) the light track -----------------------------------------------------------------------


def test_small_grant_on_the_light_track(tab_for, staff, album, patience):
    call = programme_with_call(
        "Kleinprojektefonds Integration",
        financing_type=FinancingType.FIXED,
        funding_rate=None,
        max_amount=Decimal("2500.00"),
        decision_mode=DecisionMode.LIGHT,
        light_limit=Decimal("2000.00"),
        review_mode=ReviewMode.NONE,
        proof_of_use=ProofOfUse.SIMPLIFIED,
    )
    member = applicant()
    # 1.800,00 € costs = 200,00 € own funds + 1.600,00 € requested: within the 2.000,00 € limit
    draft = ApplicationFactory(
        organisation=member.memberships.get().organisation,
        call=call,
        created_by=member,
        title="Sprachcafé am Ölberg",
        requested_amount=Decimal("1600.00"),
        plan=False,
        **this_years_project(),
    )
    CostLine.objects.create(
        application=draft, category="honorare", description="Sprachbegleitung", amount="1500.00"
    )
    CostLine.objects.create(
        application=draft, category="sachkosten", description="Material", amount="300.00"
    )
    FinancingLine.objects.create(application=draft, kind="eigenmittel", amount="200.00")
    desk = Desk(tab_for, {"applicant": member, **pick(staff, "caseworker", "finance")})

    desk.submit_draft(draft, album, "light")
    page = desk.formal_check(album, "light")
    no_task_titled(page, "Fachliche Prüfung")  # no review on the light track
    page = desk.budget_check("1.600,00", album, "light")
    desk.decide("caseworker", LIGHT_DECISION, album, "light")

    application = Application.objects.get(pk=draft.pk)
    assert application.status == ApplicationStatus.APPROVED
    assert application.decision.decided_by == staff["caseworker"]
    assert not Review.objects.filter(application=application).exists()


# --- (b) the standard path ---------------------------------------------------------------------


def test_standard_path_with_one_review(tab_for, staff, album, patience):
    call = programme_with_call("Nachbarschaft verbindet")
    member = applicant()
    draft = ApplicationFactory(  # 10.000,00 € costs, 8.000,00 € requested (80 %)
        organisation=member.memberships.get().organisation,
        call=call,
        created_by=member,
        **this_years_project(),
    )
    desk = Desk(
        tab_for,
        {"applicant": member, **pick(staff, "caseworker", "reviewer", "finance", "approver")},
    )

    desk.submit_draft(draft, album, "standard")
    desk.formal_check(album, "standard")
    page = desk.take_task("reviewer", "Fachliche Prüfung")
    score(page, "Wirkung", "4")
    score(page, "Umsetzbarkeit", "3")
    page.get_by_label("Bewertung").fill("Gut begründeter Bedarf, Wirkung plausibel.")
    page.get_by_label("Bewilligung empfohlen", exact=True).check()
    page.get_by_label("Ich erkläre, dass kein Interessenkonflikt besteht").check()
    desk.finish_task("reviewer")
    desk.budget_check("8.000,00", album, "standard")
    desk.decide("approver", "Entscheidung", album, "standard")

    application = Application.objects.get(pk=draft.pk)
    assert application.status == ApplicationStatus.APPROVED
    assert application.decision.decided_by == staff["approver"]


# --- (c) idea, advice, jury --------------------------------------------------------------------


def test_idea_advice_jury_and_ranking(tab_for, staff, album, patience):
    programme_with_call(
        "Vielfältig engagiert!",
        funding_rate=Decimal("90.00"),
        max_amount=Decimal("10000.00"),
        idea_stage=IdeaStage.REQUIRED,
        review_mode=ReviewMode.PANEL,
        panel_size=3,
        spread_threshold=Decimal("1.00"),
    )
    member = applicant()
    desk = Desk(
        tab_for,
        {
            "applicant": member,
            **pick(staff, "caseworker", "finance", "approver", "juror1", "juror2", "juror3"),
        },
    )
    IdeaWalk(desk, album, member).run()

    application = Application.objects.get(reference=desk.reference)
    assert application.status == ApplicationStatus.APPROVED
    assert application.idea.title == IDEA_TITLE
    assert (
        PanelSeat.objects.filter(application=application, submitted_at__isnull=False).count() == 3
    )


class IdeaWalk:
    """The steps of (c), in order."""

    def __init__(self, desk: Desk, album: Album, member):
        self.desk, self.album, self.member = desk, album, member
        self.idea_url = ""

    def run(self) -> None:
        self.hand_in_idea()
        self.advise_and_invite()
        self.complete_and_submit()
        self.desk.formal_check(self.album, "jury")
        self.seat_the_jury()
        self.desk.budget_check("6.000,00", self.album, "jury")  # beside the jury, as ever
        for juror, points in (("juror1", "5"), ("juror2", "4"), ("juror3", "2")):
            self.score_as(juror, points)
        self.show_ranking()
        self.desk.decide("approver", "Entscheidung", self.album, "jury")

    def hand_in_idea(self) -> None:
        desk, album = self.desk, self.album
        page = desk.open("applicant", "/portal/")
        album.shot(page, "jury-portal", portal=True)
        page.get_by_role("link", name="Projektidee für „Vielfältig engagiert!“ einreichen").click()
        expect(page.get_by_role("heading", name="Projektidee einreichen")).to_be_visible()
        fill(
            page,
            {
                "title": IDEA_TITLE,
                "description": "Ehrenamtliche begleiten neu zugewanderte Familien ein Jahr lang.",
                "target_group": "Neu zugewanderte Familien in Oberbarmen",
                "place": "Stadtteilzentrum Oberbarmen",
                "timeframe": "ab März, zwölf Monate",
                "rough_cost": "6.000,00",
            },
        )
        album.shot(page, "jury-idea-form", portal=True)
        page.get_by_role("button", name="Projektidee einreichen").click()
        expect(page.get_by_role("status")).to_contain_text("Ihre Projektidee ist eingereicht")
        self.idea_url = page.url
        album.shot(page, "jury-idea", portal=True)

    def advise_and_invite(self) -> None:
        desk, album = self.desk, self.album
        page = desk.open("caseworker", "/staff/ideen/")
        album.shot(page, "jury-idea-queue")
        page.get_by_role("link", name=IDEA_TITLE).click()
        fill(
            page,
            {
                "advice-held_on": timezone.localdate().isoformat(),
                "advice-people_present": "Frau Haddad, Frau Sachbearbeitung",
                "advice-notes": "Zeitplan und Kosten besprochen.",
                "advice-next_steps": "Antrag mit Kostenplan einreichen.",
                "advice-internal_note": "Verein gut vernetzt.",
            },
        )
        page.locator("[name='advice-channel']").select_option("in_person")
        page.get_by_role("button", name="Beratung speichern").click()
        expect(page.locator("main")).to_contain_text("Zeitplan und Kosten besprochen.")
        page.locator("[name='invite-call']").select_option(index=1)
        fill(page, {"invite-message": "Bitte reichen Sie den Antrag bis Ende des Monats ein."})
        album.shot(page, "jury-idea-advice")
        page.get_by_role("button", name="Einladen und Entwurf anlegen").click()
        expect(page.locator("main")).to_contain_text("Die Beratung ist abgeschlossen.")

    def complete_and_submit(self) -> None:
        desk, album = self.desk, self.album
        page = desk.open("applicant", "/portal/")  # Meine Anträge: the idea with its state
        idea = page.get_by_role("row").filter(has_text=IDEA_TITLE).filter(has_text="eingeladen")
        expect(idea).to_contain_text("zum Antrag eingeladen")
        album.shot(page, "jury-portal-invited", portal=True)
        idea.get_by_role("link", name=IDEA_TITLE).click()
        expect(page).to_have_url(re.compile(re.escape(self.idea_url) + "$"))
        expect(page.locator("main")).to_contain_text("Zeitplan und Kosten besprochen.")
        expect(page.locator("main")).not_to_contain_text("Verein gut vernetzt.")  # internal
        album.shot(page, "jury-idea-invited", portal=True)
        draft = Application.objects.get(idea__title=IDEA_TITLE)
        assert draft.requested_amount == Decimal("6000.00")  # the rough cost, prefilled
        # The cost plan is not the subject: 7.000,00 € = 700,00 own + 300,00 income + 6.000,00
        application_save_draft(
            application=draft,
            user=self.member,
            data={
                "summary": draft.summary,
                "goals": "Zwanzig Patenschaften, die ein Jahr halten.",
                "target_group": draft.target_group,
                **this_years_project(),
                "requested_amount": draft.requested_amount,
                "publication_consent": True,
            },
            districts=District.objects.filter(number=7),
            cost_lines=[
                PlanLine(
                    kind="honorare", description="Schulung der Patinnen", amount=Decimal("5000.00")
                ),
                PlanLine(
                    kind="sachkosten", description="Material und Fahrten", amount=Decimal("2000.00")
                ),
            ],
            financing_lines=[
                PlanLine(
                    kind="eigenmittel", description="Mitgliedsbeiträge", amount=Decimal("700.00")
                ),
                PlanLine(kind="einnahmen", description="Spenden", amount=Decimal("300.00")),
            ],
        )
        page.get_by_role("link", name="Zum vorbereiteten Antrag").click()
        expect(page.locator("[name='title']")).to_have_value(IDEA_TITLE)
        desk.submit_draft(draft, album, "jury")

    def seat_the_jury(self) -> None:
        desk, album = self.desk, self.album
        page = desk.take_task("caseworker", "Jury besetzen", button="Jury besetzen")
        for juror in ("Jana Jury", "Jonas Jury", "Jule Jury"):
            page.locator("label", has_text=juror).locator("input").check()
        album.shot(page, "jury-assign")
        page = desk.finish_task("caseworker", button="Jury besetzen")
        album.shot(page, "jury-assigned")

    def score_as(self, juror: str, points: str) -> None:
        desk, album = self.desk, self.album
        page = desk.open(juror, "/staff/jury/")
        if juror == "juror1":
            album.shot(page, "jury-seats")
        page.get_by_role("link", name=desk.reference).click()
        score(page, "Wirkung", points)
        score(page, "Umsetzbarkeit", points)
        page.get_by_role("textbox", name="Bewertung").fill("Tragfähige Idee, gut beraten.")
        page.get_by_label("Bewilligung empfohlen", exact=True).check()
        page.get_by_label("Ich erkläre, dass kein Interessenkonflikt besteht").check()
        if juror == "juror1":
            album.shot(page, "jury-seat")
        page.get_by_role("button", name="Bewertung abgeben").click()
        expect(page.locator("main")).to_contain_text("Abgegeben am")
        if juror == "juror3":
            album.shot(page, "jury-seat-done")

    def show_ranking(self) -> None:
        desk, album = self.desk, self.album
        page = desk.open("caseworker", "/staff/rangliste/")
        page.locator("[name='call']").select_option(index=1)
        page.get_by_role("button", name="Anzeigen").click()
        main = page.locator("main")
        expect(main).to_contain_text(desk.reference)
        expect(main).to_contain_text("zu groß: besprechen")  # 5 and 2 points: spread 3,00
        album.shot(page, "jury-ranking")


def pick(staff: dict, *roles: str) -> dict:
    return {role: staff[role] for role in roles}
