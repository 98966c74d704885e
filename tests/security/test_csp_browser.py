"""In Debian's Chromium: the pages break no rule of their Content-Security-Policy, and they
still work under it (Bootstrap's menu opens, viewflow's frontend renders and takes its theme).

Every violation is collected twice: the `securitypolicyviolation` events (an init script
listens before the page loads) and Chromium's console messages, which name the hash an
inline element would need."""

from contextlib import contextmanager

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from playwright.sync_api import sync_playwright

from tests.browser import ARGS, CHROMIUM
from tests.factories import ApplicationFactory
from workflow.application.case import case_submit

# serialized_rollback: a live server needs committed data; the districts of the data
# migration come back after each test's flush.
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LISTEN = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (event) => window.__csp.push(
    `${event.effectiveDirective} blocked ${event.blockedURI}`
    + ` at ${event.sourceFile}:${event.lineNumber}`
));
"""
NARROW = {"width": 375, "height": 740}
THEME_BLUE = "rgb(11, 79, 138)"  # staff_site's primary colour, from viewflow's <style>


def session_cookie(user, live_server) -> dict:
    """A logged-in session for the browser (force_login: staff count as past the 2nd factor)."""
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": value, "url": live_server.url}


class Tab:
    """A browser tab that records every CSP violation of the pages it opens."""

    def __init__(self, browser, base: str, cookie=None, viewport=None):
        self.base = base
        context = browser.new_context(locale="de-DE", viewport=viewport)
        context.add_init_script(LISTEN)
        if cookie is not None:
            context.add_cookies([cookie])
        self.page = context.new_page()
        self.console = []
        self.page.on("console", self.listen)

    def listen(self, message):
        if "Content Security Policy" in message.text:
            self.console.append(message.text)

    def open(self, path: str):
        response = self.page.goto(self.base + path)
        assert response.status == 200, (path, response.status)
        self.page.wait_for_load_state("networkidle")
        return self.page

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__csp") + self.console


@contextmanager
def chromium(live_server, cookie=None, viewport=None):
    """Debian's Chromium with one tab. Start it after every database write of the test: no
    ORM while Playwright's loop runs (its greenlets would open connections of their own)."""
    with pytest.MonkeyPatch.context() as patch:
        # Sync Playwright runs an event loop in this thread; Django must not refuse to work.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
            try:
                yield Tab(browser, live_server.url, cookie, viewport)
            finally:
                browser.close()


def test_the_public_pages_break_no_rule_and_the_menu_opens_on_a_phone(live_server):
    with chromium(live_server, viewport=NARROW) as tab:
        public_pages_work(tab)


def public_pages_work(tab):
    for path in (reverse("landing"), reverse("login"), reverse("portal:register")):
        page = tab.open(path)
        assert tab.violations() == [], path
    page = tab.open(reverse("transparency:index"))
    assert tab.violations() == []
    assert page.locator("h1").count() == 1

    page = tab.open(reverse("landing"))
    menu = page.locator("#nav")
    assert not menu.is_visible()
    page.locator(".navbar-toggler").click()
    page.wait_for_selector("#nav.show")
    assert menu.locator("a", has_text="Anmelden").is_visible()
    assert tab.violations() == []


def test_the_portal_edit_page_breaks_no_rule(live_server, applicant, draft):
    edit = reverse("portal:application_edit", args=[draft.pk])
    with chromium(live_server, session_cookie(applicant, live_server)) as tab:
        page = tab.open(edit)
        assert page.locator("input[name='requested_amount']").is_visible()
        assert tab.violations() == []


def test_the_staff_pages_break_no_rule_under_their_policy_and_keep_viewflow_working(
    live_server, staff, organisation, applicant, call
):
    application = ApplicationFactory(organisation=organisation, created_by=applicant, call=call)
    case_submit(application=application, user=applicant)
    cookie = session_cookie(staff["caseworker"], live_server)
    with chromium(live_server, cookie, viewport={"width": 1280, "height": 900}) as tab:
        staff_pages_work(tab, case=reverse("antraege:case", args=[application.pk]))


def staff_pages_work(tab, case: str):
    page = tab.open(reverse("antraege:index"))
    assert tab.violations() == []
    assert page.evaluate("!!customElements.get('vf-page')")
    assert page.locator(".vf-page__menu a[href='/staff/antraege/']").first.is_visible()
    toolbar = page.locator(".vf-page__body-toolbar").first
    assert toolbar.evaluate("e => getComputedStyle(e).backgroundColor") == THEME_BLUE

    # Turbo follows the link inside the same document: the list's policy still applies.
    page.locator(f"a[href='{case}']").first.click()
    page.wait_for_url(f"**{case}")
    page.wait_for_load_state("networkidle")
    assert tab.violations() == []
    done = page.locator("svg g.done rect.task, svg g.done circle.event").first
    assert done.evaluate("e => getComputedStyle(e).fill") == "rgb(200, 230, 201)"

    tab.open(case)
    assert page.locator("figure.ft-case-chart svg").count() == 1
    assert tab.violations() == []
