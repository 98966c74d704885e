"""The project idea's pages as seen in Chromium: the portal's idea form, "Meine Anträge" with
an idea, the idea page after an invitation (1366 and 390 px, German and Arabic), and the
staff's queue and idea page (German and English)."""

import datetime
import tempfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse

from core.roles import CASEWORKER
from grants.models import AdviceChannel
from grants.services.idea import advice_record_add, idea_invite
from tests.factories import MembershipFactory
from tests.grants.idea_helpers import INTERNAL_NOTE, idea_handed_in, idea_programme, staff_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
WIDTHS = (1366, 390)
SHOTS = Path(tempfile.gettempdir()) / "idea_shots"  # the screenshots, to look at


@pytest.fixture
def world():
    """Ayşe's association handed in two ideas; one was advised and invited to apply."""
    ayse = MembershipFactory(role="admin").user
    organisation = ayse.memberships.get().organisation
    programme = idea_programme(name="Vielfältig engagiert!")
    caseworker = staff_in(CASEWORKER, first_name="Sabine", last_name="Sachbearbeitung")
    open_idea = idea_handed_in(organisation=organisation, user=ayse, programme=programme)
    invited = idea_handed_in(
        organisation=organisation,
        user=ayse,
        programme=programme,
        title="Interkulturelles Kochbuch mit Rezepten aus der Nachbarschaft",
    )
    for idea in (open_idea, invited):
        advice_record_add(
            idea=idea,
            user=caseworker,
            held_on=datetime.date(2026, 12, 1),
            channel=AdviceChannel.IN_PERSON,
            people_present="Ayşe Yılmaz, Sabine Sachbearbeitung",
            notes="Zielgruppe und Kostenrahmen besprochen; Honorare realistisch ansetzen.",
            next_steps="Kostenplan mit Angeboten bis Mitte Januar.",
            internal_note=INTERNAL_NOTE,
        )
    idea_invite(
        idea=invited,
        user=caseworker,
        call=programme.calls.get(),
        message="Wir freuen uns auf Ihren Antrag. Der Entwurf ist schon vorbereitet.",
    )
    return {"ayse": ayse, "open": open_idea, "invited": invited, "caseworker": caseworker}


def open_page(tab_for, live_server, user, path, width, language):
    tab = tab_for(user, viewport={"width": width, "height": 900})
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    tab.context.add_cookies([cookie])
    response = tab.goto(path, wait_until="networkidle")
    assert response is not None and response.status == 200
    return tab


def blocking_violations(tab) -> list:
    tab.mouse.move(0, 0)
    tab.evaluate("Promise.all(document.getAnimations().map((a) => a.finished))")
    result = Axe().run(tab, options=AXE_OPTIONS)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


def reachable(tab, selector, *, right: float | None = None, inline: bool = False) -> None:
    """The control is shown within the page's width (or `right`) and takes a click; a button or
    field is large enough to tap (a text link in a table row is exempt, WCAG 2.5.8)."""
    control = tab.locator(selector).first
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    assert box is not None, selector
    left = box["x"] + tab.evaluate("window.scrollX")
    right = right or tab.evaluate("document.documentElement.clientWidth")
    assert left >= -1 and left + box["width"] <= right + 1, (selector, box, right)
    assert inline or box["height"] >= 24, selector
    control.click(trial=True)


def no_overflow(tab) -> bool:
    return tab.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


def shot(tab, name, width, language):
    SHOTS.mkdir(exist_ok=True)
    tab.screenshot(path=f"{SHOTS}/{name}-{width}-{language}.png", full_page=True)


@pytest.mark.parametrize("language", ["de", "ar"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_portal_idea_pages_fit_and_never_show_the_internal_note(
    tab_for, live_server, world, width, language
):
    pages = {
        "idea-form": reverse("portal:idea_new"),
        "my-applications": reverse("portal:home"),
        "idea-invited": reverse("portal:idea_detail", args=[world["invited"].pk]),
        "idea-open": reverse("portal:idea_detail", args=[world["open"].pk]),
    }
    for name, path in pages.items():
        tab = open_page(tab_for, live_server, world["ayse"], path, width, language)
        shot(tab, name, width, language)
        assert tab.evaluate("document.documentElement.dir") == (
            "rtl" if language == "ar" else "ltr"
        )
        assert no_overflow(tab), name
        assert INTERNAL_NOTE not in tab.content()
        assert blocking_violations(tab) == [], name
        if name == "idea-form":
            reachable(tab, "form button[type=submit]")
            reachable(tab, "#id_rough_cost")
        if name == "idea-invited":
            draft = world["invited"].application
            reachable(tab, f"a[href='{reverse('portal:application_edit', args=[draft.pk])}']")
        tab.context.close()


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_staff_queue_and_idea_page_fit_with_every_form_reachable(
    tab_for, live_server, world, width, language
):
    queue = open_page(
        tab_for, live_server, world["caseworker"], reverse("ideen:index"), width, language
    )
    shot(queue, "staff-queue", width, language)
    # at 390 px viewflow's top bar is wider than the screen on every staff page (see
    # test_bank_change_pages.py); the page's own controls end where the bar ends
    bar = queue.evaluate(
        "document.querySelector('.vf-page__body-toolbar').getBoundingClientRect().right"
    )
    reachable(
        queue,
        f"a[href='{reverse('ideen:detail', args=[world['open'].pk])}']",
        right=bar,
        inline=True,
    )
    assert blocking_violations(queue) == []
    queue.context.close()

    idea = world["open"]
    tab = open_page(
        tab_for,
        live_server,
        world["caseworker"],
        reverse("ideen:detail", args=[idea.pk]),
        width,
        language,
    )
    shot(tab, "staff-idea", width, language)
    assert INTERNAL_NOTE in tab.content()
    for action in ("advice", "invite", "refer", "decline"):
        form = f"form[action='{reverse(f'ideen:{action}', args=[idea.pk])}']"
        reachable(tab, f"{form} button[type=submit]", right=bar)
        reachable(tab, f"{form} textarea", right=bar)
    assert blocking_violations(tab) == []
