"""The whole life of one grant in Debian's Chromium, through the real pages only.

An initiative registers (with its organisation and IBAN), logs in, writes and submits an
application; Sachbearbeitung asks for a revision, the applicant revises and resubmits, the
application is complete; Fachgutachten scores it, Finanzen checks the budget, Bewilligung
approves; the applicant waives the appeal and requests the money; three people sign the payout
(sachlich richtig, rechnerisch richtig, Anordnung); the applicant hands in the final report,
Sachbearbeitung accepts it, the settlement claims 400,00 € back, Finanzen book the repayment
and the case is closed.

Only the static set-up is made with factories: the programme with its open call, criteria and
budget line, and the people of staff in their role groups (each logged in through a session
cookie, with the second factor, in a browser context of their own). Everything that moves the
case happens in the browser. Each step leaves a full-page screenshot in LIFECYCLE_SCREENSHOTS
(default: `test-results/lifecycle/` under the repository, pytest-playwright's --output)."""

import asyncio
import datetime
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from budgeting.models import BudgetLine, FundingSource, GrantSettlement, PaymentRequest
from core.models import District
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import Application, ApplicationStatus, Criterion
from tests.browser import ARGS, CHROMIUM
from tests.core.login_helpers import staff_person
from tests.factories import PDF_BYTES, CallFactory, ProgrammeFactory, RequiredDocumentFactory

pytestmark = [
    pytest.mark.browser,
    # A live server needs committed data; the districts of the data migration come back
    # after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

DESKTOP = {"width": 1280, "height": 900}
TIMEOUT_MS = 15_000

EMAIL = "amina.haddad@frauen-oberbarmen.example.org"
PASSWORD = "Sonnenblume-im-Garten-7"
ORGANISATION = "Frauen für Frauen Oberbarmen e. V."
PROGRAMME = "Nachbarschaft verbindet"
TITLE = "Sprachcafé am Berliner Platz"
REVISION = "Bitte beschreiben Sie die Zielgruppe genauer: wer, wie viele?"
REFERENCE = re.compile(r"ZI-\d{4}-\d{4}")
FEES = "Honorare: Kursleitung, 40 Termine"  # the cost lines as the Belegliste names them
MATERIAL = "Sachkosten: Material und Getränke"


# --- the browser -------------------------------------------------------------------------


def no_event_loop_runs() -> None:
    """Fail clearly if a Playwright started elsewhere still runs (see `chromium`)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return
    pytest.fail(
        "An event loop runs in this thread before the test starts, most likely the Playwright "
        "of a browser fixture that outlives its tests (package or session scope): the database "
        "was set up under it, without the serialized state (see `chromium` in this module)."
    )


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, for this test only: started after the database set-up and every
    database write of the set-up, stopped before the checks in the database and the flush.

    While sync Playwright runs, its event loop runs in this thread, and Django then hands out
    other connection objects (its connections are "thread critical": per async context when a
    loop runs). The test database's serialized state hangs on the first one: a flush or a
    restore under a running loop misses it, silently (serialized_rollback does nothing, and the
    flush recreates the content types under new keys, which breaks the next test that restores
    the serialized state). So no ORM while the browser runs, and no browser across tests."""
    with pytest.MonkeyPatch.context() as patch:
        # Sync Playwright runs an event loop in this thread; Django must not refuse to work.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                yield browser
            finally:
                browser.close()


@pytest.fixture
def lifecycle_screenshots(pytestconfig) -> Path:
    """The folder of the step screenshots: $LIFECYCLE_SCREENSHOTS, else `lifecycle/` in
    pytest-playwright's --output folder (test-results/); relative paths from the rootdir."""
    folder = os.environ.get("LIFECYCLE_SCREENSHOTS")
    if not folder:
        try:
            output = pytestconfig.getoption("--output")
        except ValueError:
            output = "test-results"
        folder = Path(output) / "lifecycle"
    folder = Path(folder)
    if not folder.is_absolute():
        folder = pytestconfig.rootpath / folder
    folder.mkdir(parents=True, exist_ok=True)
    for old in [*folder.glob("[0-9][0-9]-*.png"), *folder.glob("FAILED-*.*")]:
        old.unlink()  # the last run's pictures, nothing else
    return folder


@pytest.fixture
def lifecycle_patience():
    """Longer waits than expect()'s 5 s: the approval renders the notice (PDF/A) on a loaded
    CI machine. Back to Playwright's default afterwards."""
    expect.set_options(timeout=TIMEOUT_MS)
    yield
    expect.set_options(timeout=5_000)


class Album:
    """Numbered full-page screenshots, one per step."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.count = 0

    def shot(self, page: Page, name: str) -> None:
        self.count += 1
        self.folder.mkdir(parents=True, exist_ok=True)  # pytest-playwright empties --output
        page.screenshot(path=self.folder / f"{self.count:02d}-{name}.png", full_page=True)


class Desk:
    """One person at their own browser context: own cookies, own tab."""

    def __init__(self, browser: Browser, base_url: str, session: str | None = None):
        self.context = browser.new_context(locale="de-DE", viewport=DESKTOP, base_url=base_url)
        self.context.set_default_timeout(TIMEOUT_MS)
        if session is not None:
            cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": base_url}
            self.context.add_cookies([cookie])
        self.page = self.context.new_page()

    def open(self, path: str) -> Page:
        response = self.page.goto(path)
        assert response is not None and response.status == 200, (path, response and response.status)
        return self.page


def session_of(user) -> str:
    """A logged-in session (tests/conftest.py: force_login gives staff the second factor)."""
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


# --- the static set-up -----------------------------------------------------------------------


def set_up_programme() -> None:
    """Nachbarschaft verbindet (80 % Anteilfinanzierung) with an open call, the Satzung as
    required document, two criteria and a city budget line of 20.000,00 €."""
    programme = ProgrammeFactory(name=PROGRAMME)
    RequiredDocumentFactory(programme=programme, name="Satzung")
    # the project's start (today): a payout is booked in the year it is paid (annuality)
    year = timezone.localdate().year
    CallFactory(programme=programme, title=f"Aufruf {year}")
    Criterion.objects.create(programme=programme, name="Bedarf im Quartier", weight="2")
    Criterion.objects.create(programme=programme, name="Wirkung", weight="1")
    source = FundingSource.objects.create(name="Stadt Wuppertal – Haushalt", kind="city")
    BudgetLine.objects.create(
        year=year,
        programme=programme,
        source=source,
        produkt="1.05.02.01",
        kostenstelle="20500",
        sachkonto="531800",
        appropriation=Decimal("20000.00"),
    )


def set_up_staff() -> dict:
    """Five people of staff; Finanzen twice (rechnerisch richtig and Anordnung differ)."""
    return {
        "caseworker": staff_person(CASEWORKER, first_name="Sabine", last_name="Sachbearbeitung"),
        "reviewer": staff_person(REVIEWER, first_name="Gerd", last_name="Gutachter"),
        "finance": staff_person(FINANCE, first_name="Fiona", last_name="Finanzen"),
        "releaser": staff_person(FINANCE, first_name="Rita", last_name="Anordnung"),
        "approver": staff_person(APPROVER, first_name="Bernd", last_name="Bewilliger"),
    }


# --- the test --------------------------------------------------------------------------------


def test_one_grant_from_registration_to_closure(
    live_server, lifecycle_screenshots, lifecycle_patience
):
    no_event_loop_runs()
    assert District.objects.count() == 10, "the districts of the data migration are missing"
    set_up_programme()
    staff = set_up_staff()
    sessions = {role: session_of(user) for role, user in staff.items()}

    with chromium() as browser:
        walk = Walk(browser, live_server.url, sessions, Album(lifecycle_screenshots))
        try:
            walk.run()
        except Exception:
            walk.leave_evidence(lifecycle_screenshots)
            raise
        finally:
            walk.close()

    # The database agrees with what the pages said.
    application = Application.objects.get(reference=walk.reference)
    assert application.status == ApplicationStatus.CLOSED
    settlement = GrantSettlement.objects.get(application=application)
    assert (settlement.final_grant, settlement.refund) == (Decimal("3600.00"), Decimal("400.00"))
    request = PaymentRequest.objects.get(application=application)
    signers = [request.factual_by_id, request.arithmetic_by_id, request.released_by_id]
    assert signers == [staff["caseworker"].pk, staff["finance"].pk, staff["releaser"].pk]


class Walk:
    """The steps, in order; each ends with a screenshot of what the person sees."""

    def __init__(self, browser: Browser, base_url: str, sessions: dict, album: Album):
        self.album = album
        self.applicant = Desk(browser, base_url)  # registers and logs in through the pages
        self.staff = {role: Desk(browser, base_url, key) for role, key in sessions.items()}
        self.reference = ""
        self.detail_url = ""  # the application in the portal
        self.case_url = ""  # the case on the staff site

    def run(self) -> None:
        self.register()
        self.log_out_and_in()
        self.apply()
        self.submit()
        self.request_revision()
        self.revise_and_resubmit()
        self.mark_complete()
        self.review()
        self.budget_check()
        self.approve()
        self.waive_appeal()
        self.request_payment()
        self.sign_payment("caseworker", "sachlich", "Ich zeichne den Mittelabruf.")
        self.sign_payment("finance", "rechnerisch", "Ich zeichne den Mittelabruf.")
        self.sign_payment("releaser", "anordnung", "Ich ordne die Auszahlung an.")
        self.hand_in_final_report()
        self.accept_final_report()
        self.show_settlement()
        self.book_repayment()

    def close(self) -> None:
        for desk in [self.applicant, *self.staff.values()]:
            desk.context.close()

    def leave_evidence(self, folder: Path) -> None:
        """After a failure: every person's page as HTML and as a screenshot."""
        folder.mkdir(parents=True, exist_ok=True)
        for name, desk in [("applicant", self.applicant), *self.staff.items()]:
            try:
                (folder / f"FAILED-{name}.html").write_text(desk.page.content())
                desk.page.screenshot(path=folder / f"FAILED-{name}.png", full_page=True)
            except PlaywrightError:  # a closed or crashed tab: the failure itself tells more
                continue

    # --- the applicant: register, log in, apply -------------------------------------------

    def register(self) -> None:
        page = self.applicant.open("/")
        page.get_by_role("link", name="Registrieren").first.click()
        expect(page.get_by_role("heading", name="Organisation registrieren")).to_be_visible()
        fill(
            page,
            {
                "person-first_name": "Amina",
                "person-last_name": "Haddad",
                "person-email": EMAIL,
                "person-phone": "0202 123456",
                "person-password1": PASSWORD,
                "person-password2": PASSWORD,
                "org-name": ORGANISATION,
                "org-register_number": "VR 4711",
                "org-street": "Berliner Straße 100",
                "org-postcode": "42277",
                "org-city": "Wuppertal",
                "org-tax_exemption_date": "2025-02-01",
                "org-contact_name": "Amina Haddad",
                "org-contact_email": EMAIL,
                "bank-holder": ORGANISATION,
                "bank-iban": "DE89 3704 0044 0532 0130 00",
            },
        )
        page.locator("[name='org-legal_form']").select_option("ev")
        page.locator("[name='org-district']").select_option(label="Oberbarmen")
        page.locator("[name='org-is_nonprofit']").check()
        page.locator("[name='consent-privacy']").check()
        self.album.shot(page, "registration")
        page.get_by_role("button", name="Registrieren").click()
        expect(page.get_by_role("heading", name="Meine Anträge")).to_be_visible()
        expect(page.get_by_role("status")).to_contain_text(
            f"Willkommen! Ihre Organisation „{ORGANISATION}“ ist registriert."
        )
        self.album.shot(page, "registered")

    def log_out_and_in(self) -> None:
        page = self.applicant.page
        page.get_by_role("button", name="Abmelden").click()
        expect(page.get_by_role("heading", name="Anmelden")).to_be_visible()
        fill(page, {"username": EMAIL, "password": PASSWORD})
        self.album.shot(page, "login")
        page.get_by_role("button", name="Anmelden").click()
        expect(page.get_by_role("heading", name="Meine Anträge")).to_be_visible()
        expect(page.locator("main")).to_contain_text(ORGANISATION)
        expect(page.locator("main")).to_contain_text("höchstens 15.000,00 €")
        self.album.shot(page, "portal")

    def apply(self) -> None:
        page = self.applicant.page
        page.get_by_role("link", name=f"Antrag für „{PROGRAMME}“ beginnen").click()
        expect(page.get_by_role("heading", name="Neuen Antrag beginnen")).to_be_visible()
        page.locator("[name='title']").fill(TITLE)
        page.get_by_role("button", name="Entwurf anlegen").click()
        expect(page.get_by_role("heading", name="Antrag bearbeiten")).to_be_visible()

        # The programme requires its Satzung: upload it first (the upload reloads the page).
        page.locator("[name='required_document']").select_option(label="Satzung")
        page.locator("[name='file']").set_input_files(
            files=[{"name": "satzung.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
        )
        page.get_by_role("button", name="Hochladen").click()
        expect(page.get_by_role("link", name="satzung.pdf")).to_be_visible()

        # Costs 5.000,00 = own funds 500,00 + foundation 500,00 + grant 4.000,00 (80 %).
        today = timezone.localdate()
        fill(
            page,
            {
                "summary": "Jeden Mittwoch üben Frauen Deutsch beim Kaffee.",
                "goals": "Mehr Sicherheit beim Sprechen, Kontakte im Stadtteil.",
                "target_group": "Neu zugewanderte Frauen.",
                "project_start": today.isoformat(),
                "project_end": (today + datetime.timedelta(days=200)).isoformat(),
                "requested_amount": "4.000,00",
                "costs-0-description": "Kursleitung, 40 Termine",
                "costs-0-amount": "4.000,00",
                "costs-1-description": "Material und Getränke",
                "costs-1-amount": "1.000,00",
                "funds-0-amount": "500,00",
                "funds-1-source_name": "Freudenberg Stiftung",
                "funds-1-amount": "500,00",
            },
        )
        page.get_by_role("checkbox", name="Oberbarmen", exact=True).check()
        page.locator("[name='costs-0-category']").select_option("honorare")
        page.locator("[name='costs-1-category']").select_option("sachkosten")
        page.locator("[name='funds-0-kind']").select_option("eigenmittel")
        page.locator("[name='funds-1-kind']").select_option("stiftung")
        self.album.shot(page, "application")

    def submit(self) -> None:
        page = self.applicant.page
        page.get_by_role("button", name="Speichern und einreichen").click()
        expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
        message = page.get_by_role("status").filter(has_text="Ihr Antrag ist eingereicht")
        expect(message).to_contain_text(REFERENCE)
        self.reference = REFERENCE.search(message.inner_text()).group(0)
        self.detail_url = page.url
        main = page.locator("main")
        expect(main).to_contain_text("Eingereicht – die Stadt prüft, ob alles vollständig ist")
        expect(main).to_contain_text("5.000,00 €")  # Gesamtkosten = Finanzierung gesamt
        self.album.shot(page, "submitted")

    # --- the formal check, with one round of revision ---------------------------------------

    def request_revision(self) -> None:
        page = self.staff["caseworker"].open("/staff/antraege/")
        page.get_by_role("link", name=self.reference).click()
        expect(page.locator(".case-tasks")).to_contain_text("Vollständigkeitsprüfung")
        self.case_url = page.url
        page = self.take_task("caseworker", "Vollständigkeitsprüfung")
        page.get_by_label("Nachforderung – der Antragsteller muss nachbessern").check()
        page.get_by_label("Nachricht an den Antragsteller").fill(REVISION)
        self.album.shot(page, "formal-check-revision")
        page = self.finish_task("caseworker")
        expect(status_on_case(page)).to_have_text("Nachforderung")
        expect(card_of(page, "Verlauf")).to_contain_text(REVISION)
        self.album.shot(page, "revision-requested")

    def revise_and_resubmit(self) -> None:
        page = self.applicant.open(self.detail_url)
        request = page.get_by_role("status").filter(has_text="Die Stadt bittet Sie")
        expect(request).to_contain_text(REVISION)
        self.album.shot(page, "revision-in-portal")
        page.get_by_role("link", name="Bearbeiten und erneut einreichen").click()
        target_group = page.locator("[name='target_group']")
        target_group.fill("Neu zugewanderte Frauen aus zwölf Ländern, etwa 20 Personen.")
        self.album.shot(page, "revision")
        page.get_by_role("button", name="Speichern und erneut einreichen").click()
        expect(page.get_by_role("status").filter(has_text=self.reference)).to_be_visible()
        expect(page.locator("main")).to_contain_text("aus zwölf Ländern, etwa 20 Personen")
        expect(page.locator("main")).to_contain_text("Eingereicht – die Stadt prüft")
        self.album.shot(page, "resubmitted")

    def mark_complete(self) -> None:
        page = self.take_task("caseworker", "Vollständigkeitsprüfung")
        expect(page.locator("main")).to_contain_text("aus zwölf Ländern")
        page.get_by_label("Vollständig – weiter zur fachlichen Prüfung").check()
        self.album.shot(page, "formal-check-complete")
        page = self.finish_task("caseworker")
        expect(status_on_case(page)).to_have_text("Fachliche Prüfung und Haushaltsprüfung")
        self.album.shot(page, "complete")

    # --- review and budget check in parallel, then the decision ---------------------------

    def review(self) -> None:
        page = self.take_task("reviewer", "Fachliche Prüfung")
        score(page, "Bedarf im Quartier", "4")
        score(page, "Wirkung", "3")
        page.get_by_label("Bewertung").fill("Gut begründeter Bedarf, Wirkung plausibel.")
        page.get_by_label("Bewilligung empfohlen", exact=True).check()
        page.get_by_label("Ich erkläre, dass kein Interessenkonflikt besteht").check()
        self.album.shot(page, "review")
        page = self.finish_task("reviewer")
        expect(page.locator("main")).to_contain_text("gewichtet 3,67 von 5 Punkten")
        self.album.shot(page, "reviewed")

    def budget_check(self) -> None:
        page = self.take_task("finance", "Haushaltsprüfung")
        line = page.get_by_label(re.compile(r"frei: 20\.000,00"))
        line.fill("4.000,00")
        self.album.shot(page, "budget-check")
        page = self.finish_task("finance")
        expect(status_on_case(page)).to_have_text("Entscheidung")
        self.album.shot(page, "budget-checked")

    def approve(self) -> None:
        page = self.staff["approver"].open(self.case_url)
        main = page.locator("main")
        expect(main).to_contain_text("Bewilligung empfohlen")  # the review beside the plan
        expect(main).to_contain_text("4.000,00 €")
        page = self.take_task("approver", "Entscheidung")
        page.get_by_label("Bewilligung", exact=True).check()
        self.album.shot(page, "decision")
        page = self.finish_task("approver")
        expect(status_on_case(page)).to_have_text("Bewilligt – noch nicht bestandskräftig")
        expect(card_of(page, "Bescheide")).to_contain_text("Zuwendungsbescheid v1")
        expect(card_of(page, "Mittelbindung")).to_contain_text("4.000,00 €")
        self.album.shot(page, "approved")

    # --- after the notice: finality, the payment request and its three sign-offs ----------

    def waive_appeal(self) -> None:
        page = self.applicant.open(self.detail_url)
        main = page.locator("main")
        expect(main).to_contain_text("Bewilligt – den Bescheid finden Sie hier")
        expect(page.get_by_role("link", name=re.compile("Zuwendungsbescheid"))).to_be_visible()
        page.get_by_label("Wir verzichten auf Rechtsbehelfe").check()
        self.album.shot(page, "waiver")
        page.get_by_role("button", name="Verzicht erklären").click()
        expect(page.get_by_role("status")).to_contain_text("Der Bescheid ist bestandskräftig.")
        expect(main).to_contain_text("Bewilligt und bestandskräftig")
        self.album.shot(page, "final")

    def request_payment(self) -> None:
        page = self.applicant.page
        page.get_by_role("link", name="Mittel abrufen").click()
        expect(page.get_by_role("heading", name="Mittel abrufen")).to_be_visible()
        expect(page.locator("main")).to_contain_text("4.000,00 €")  # noch abrufbar
        page.get_by_label("Betrag (Euro)").fill("4.000,00")
        page.get_by_label("Wofür brauchen Sie das Geld").fill("Honorare und Material")
        page.get_by_label("Ich bestätige: Wir geben das Geld innerhalb von zwei Monaten").check()
        self.album.shot(page, "payment-request")
        page.get_by_role("button", name="Mittelabruf senden").click()
        expect(page.get_by_role("status")).to_contain_text("Ihr Mittelabruf ist eingegangen.")
        requests = page.get_by_role("table", name="Mittelabrufe")
        expect(requests).to_contain_text("4.000,00 €")
        expect(requests).to_contain_text("beantragt – sachliche Prüfung")
        self.album.shot(page, "payment-requested")

    def sign_payment(self, role: str, name: str, choice: str) -> None:
        """One sign-off, taken from the queue of the payment requests."""
        desk = self.staff[role]
        page = desk.open("/staff/mittelabrufe/queue/")
        page.get_by_role("link", name=re.compile(r"^#\d+\/\d+$")).first.click()
        page.get_by_role("button", name="Zuordnen und fortfahren").click()
        expect(page.get_by_role("button", name="Abschließen")).to_be_visible()
        card = card_of(page, "Mittelabruf")
        expect(card).to_contain_text(self.reference)
        expect(card).to_contain_text("4.000,00 €")
        page.get_by_label(choice).check()
        self.album.shot(page, f"payment-{name}")
        page = self.finish_task(role)
        self.album.shot(page, f"payment-{name}-signed")

    # --- the final report and the settlement ----------------------------------------------

    def hand_in_final_report(self) -> None:
        page = self.applicant.open(self.detail_url)
        money = page.locator("section").filter(has=page.get_by_role("heading", name="Geld"))
        expect(money).to_contain_text("angeordnet und ausgezahlt")
        expect(money.locator("dl")).to_contain_text("4.000,00 €")
        self.album.shot(page, "paid")
        page.get_by_role("link", name=re.compile(r"^bearbeiten \(Verwendungsnachweis")).click()
        expect(page.get_by_role("heading", name="Verwendungsnachweis bearbeiten")).to_be_visible()
        page.get_by_label("Was wurde getan?").fill("35 Termine Sprachcafé, 23 Teilnehmerinnen.")
        page.get_by_label("Was hat gut funktioniert?").fill("Feste Kleingruppen, Kinderbetreuung.")
        page.get_by_label("Was hat nicht funktioniert").fill("Im Sommer fielen fünf Termine aus.")
        # 4.500,00 spent instead of 5.000,00: the fees of five dates were not paid.
        actual(page, "Kursleitung, 40 Termine", "3.500,00", "Fünf Termine fielen aus.")
        actual(page, "Material und Getränke", "1.000,00")
        actual(page, "Eigenmittel", "500,00")
        actual(page, "Freudenberg Stiftung", "500,00")
        # the project started today: today's receipts lie in it and not in the future
        day = timezone.localdate().isoformat()
        receipt(page, 0, day, "Kursleitung M. Öztürk", "Honorar 35 Termine", "3.500,00", FEES)
        receipt(page, 1, day, "Papeterie Elberfeld", "Material, Getränke", "1.000,00", MATERIAL)
        self.album.shot(page, "final-report")
        page.get_by_role("button", name="Speichern und einreichen").click()
        expect(page.get_by_role("status")).to_contain_text("Verwendungsnachweis ist eingereicht")
        expect(page.locator("main")).to_contain_text("4.500,00 €")
        self.album.shot(page, "final-report-submitted")

    def accept_final_report(self) -> None:
        desk = self.staff["caseworker"]
        page = desk.open("/staff/nachweise/queue/")
        page.get_by_role("link", name=re.compile(r"^#\d+\/\d+$")).first.click()
        page.get_by_role("button", name="Zuordnen und fortfahren").click()
        expect(page.get_by_role("button", name="Abschließen")).to_be_visible()
        expect(page.locator("main")).to_contain_text("4.500,00 €")
        page.get_by_label(
            "Anerkannt – beim Verwendungsnachweis folgt die Schlussfestsetzung"
        ).check()
        self.album.shot(page, "report-check")
        page = self.finish_task("caseworker")
        self.album.shot(page, "report-accepted")

    def show_settlement(self) -> None:
        # 80 % of the actual costs 4.500,00 = 3.600,00; 4.000,00 paid: 400,00 back.
        page = self.staff["finance"].open(self.case_url)
        settlement = card_of(page, "Schlussfestsetzung")
        expect(settlement).to_contain_text("3.600,00 €")
        expect(settlement).to_contain_text("400,00 €")
        claim = card_of(page, "Rückforderung – offen")
        expect(claim).to_contain_text("400,00 €, fällig")
        expect(status_on_case(page)).to_have_text("Schlussfestgesetzt")
        signatures = "Sabine Sachbearbeitung / Fiona Finanzen / Rita Anordnung"
        expect(card_of(page, "Geld")).to_contain_text(signatures)  # three different people
        self.album.shot(page, "settlement-staff")

        page = self.applicant.open(self.detail_url)
        main = page.locator("main")
        expect(main).to_contain_text("Schlussfestsetzung erfolgt")
        expect(main).to_contain_text("Rückforderung über 400,00 €")
        expect(page.get_by_role("link", name="Rückforderungsbescheid (PDF)")).to_be_visible()
        self.album.shot(page, "settlement-portal")

    def book_repayment(self) -> None:
        page = self.staff["finance"].open(self.case_url)
        claim = card_of(page, "Rückforderung – offen")
        claim.get_by_label("eingegangener Betrag (Euro)").fill("400,00")
        claim.get_by_label("eingegangen am").fill(timezone.localdate().isoformat())
        self.album.shot(page, "repayment")
        claim.get_by_role("button", name="Zahlungseingang erfassen").click()
        expect(card_of(page, "Rückforderung – erledigt")).to_contain_text("Heute offen: 0,00 €")
        expect(status_on_case(page)).to_have_text("Abgeschlossen")
        self.album.shot(page, "closed-staff")

        page = self.applicant.open(self.detail_url)
        expect(page.locator("main .lead")).to_have_text("Abgeschlossen")
        money = page.locator("section").filter(has=page.get_by_role("heading", name="Geld"))
        expect(money).to_contain_text("3.600,00 €")  # bewilligt after the settlement
        self.album.shot(page, "closed-portal")

    # --- staff tasks ------------------------------------------------------------------------

    def take_task(self, role: str, title: str) -> Page:
        """On the case page: "Übernehmen", back to the case, then "Bearbeiten"."""
        desk = self.staff[role]
        page = desk.open(self.case_url)
        task = page.locator("ul.case-tasks > li").filter(has_text=title)
        task.get_by_role("button", name="Übernehmen").click()
        expect(page.get_by_role("button", name="Übernehmen")).to_have_count(0)
        if page.url != self.case_url:  # viewflow shows its process page after the assignment
            page = desk.open(self.case_url)
        task.get_by_role("link", name="Bearbeiten").click()
        expect(page.get_by_role("button", name="Abschließen")).to_be_visible()
        expect(page.locator("main")).to_contain_text(self.reference)
        return page

    def finish_task(self, role: str) -> Page:
        """Press "Abschließen": the case page comes back."""
        page = self.staff[role].page
        page.get_by_role("button", name="Abschließen").click()
        expect(page).to_have_url(self.case_url)
        expect(page.locator(".case-tasks")).to_be_visible()
        return page


# --- filling in forms ----------------------------------------------------------------------


def card_of(page: Page, title: str):
    """The card of the staff pages under the heading `title`."""
    heading = page.get_by_role("heading", name=title, exact=True)
    return page.locator(".vf-card").filter(has=heading)


def status_on_case(page: Page):
    """The status ("Stand") in the summary of the case."""
    return page.locator("dt", has_text=re.compile("^Stand$")).locator("+ dd").first


def fill(page: Page, values: dict) -> None:
    for name, value in values.items():
        page.locator(f"[name='{name}']").fill(value)


def score(page: Page, criterion: str, points: str) -> None:
    field = page.locator("vf-field-radio-select").filter(has_text=criterion)
    field.get_by_label(points, exact=True).check()


def actual(page: Page, line: str, amount: str, comment: str = "") -> None:
    page.get_by_label(f"{line}: tatsächlicher Betrag (Euro)", exact=True).fill(amount)
    if comment:
        page.get_by_label(f"{line}: Erläuterung", exact=True).fill(comment)


def receipt(page, row: int, day: str, payee: str, purpose: str, amount: str, line: str) -> None:
    fill(
        page,
        {
            f"receipts-{row}-date": day,
            f"receipts-{row}-payee": payee,
            f"receipts-{row}-purpose": purpose,
            f"receipts-{row}-amount": amount,
        },
    )
    page.locator(f"[name='receipts-{row}-cost_line']").select_option(label=line)
