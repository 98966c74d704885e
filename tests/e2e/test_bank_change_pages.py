"""The pages of a bank account change as seen in Chromium: the portal's organisation page with
a change waiting for the second administrator, and Finanzen's list of waiting changes; at
1366 and 390 px, in German and Arabic."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse

from applicants.bank import bank_account_submit
from core.roles import FINANCE
from tests.factories import MembershipFactory
from tests.workflow.conftest import staff_member

# serialized_rollback: the live server needs committed data, and the districts of the migrations
pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
WIDTHS = (1366, 390)
LANGUAGES = ("de", "ar")


@pytest.fixture
def waiting():
    """Anna entered a new IBAN for her organisation; Ben, the second administrator, sees it."""
    anna = MembershipFactory(role="admin", user__first_name="Anna").user
    organisation = anna.memberships.get().organisation
    ben = MembershipFactory(organisation=organisation, role="admin", user__first_name="Ben").user
    change = bank_account_submit(
        organisation=organisation,
        user=anna,
        holder="Kulturverein Brücke Süd e. V.",
        iban="DE02500105170137075030",
    )
    return {"change": change, "ben": ben, "finance": staff_member(FINANCE)}


def open_page(tab_for, live_server, user, path, width, language):
    tab = tab_for(user, viewport={"width": width, "height": 900})
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    tab.context.add_cookies([cookie])
    response = tab.goto(path, wait_until="networkidle")
    assert response is not None and response.status == 200
    return tab


def blocking_violations(tab) -> list[str]:
    # A trial click leaves the pointer on a button whose hover colours fade in; axe must
    # measure the colours the user sees at rest, not a frame of Bootstrap's transition.
    tab.mouse.move(0, 0)
    tab.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    result = Axe().run(tab, options=AXE_OPTIONS)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def reachable(tab, selector, *, right: float | None = None) -> None:
    """The control is shown, lies within the page's width (or `right`, in page coordinates)
    and takes a click."""
    control = tab.locator(selector).first
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    assert box is not None, selector
    left = box["x"] + tab.evaluate("window.scrollX")  # page coordinates
    right = right or tab.evaluate("document.documentElement.clientWidth")
    assert left >= -1 and left + box["width"] <= right + 1, (selector, box, right)
    assert box["height"] >= 24, selector  # large enough to tap
    control.click(trial=True)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_second_administrator_sees_the_waiting_account_and_can_confirm(
    tab_for, live_server, waiting, width, language
):
    tab = open_page(
        tab_for, live_server, waiting["ben"], reverse("portal:organisation"), width, language
    )

    assert tab.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert tab.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert "DE02 5001 0517 0137 0750 30" in tab.locator("#h-bank-change + dl").inner_text()
    change = waiting["change"]
    reachable(
        tab, f"form[action='{reverse('portal:bank_change_confirm', args=[change.pk])}'] button"
    )
    reachable(
        tab, f"form[action='{reverse('portal:bank_change_reject', args=[change.pk])}'] button"
    )
    assert blocking_violations(tab) == []


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_finance_sees_the_waiting_change_with_the_call_back_note_and_both_buttons(
    tab_for, live_server, waiting, width, language
):
    tab = open_page(
        tab_for, live_server, waiting["finance"], reverse("finanzen:bank_changes"), width, language
    )

    change = waiting["change"]
    assert tab.locator(f"#h-change-{change.pk}").inner_text() == change.organisation.name
    # At 390 px viewflow's top bar with the language switch is wider than the screen on every
    # staff page; the list adds no width of its own: its controls end where the bar ends.
    bar = tab.evaluate(
        "document.querySelector('.vf-page__body-toolbar').getBoundingClientRect().right"
    )
    form = f"form[action='{reverse('finanzen:bank_change_confirm', args=[change.pk])}']"
    reachable(tab, f"{form} textarea", right=bar)
    reachable(tab, f"{form} button[formaction]", right=bar)  # Ablehnen
    reachable(tab, f"{form} button:not([formaction])", right=bar)  # Nach Rückruf bestätigen
    assert blocking_violations(tab) == []
