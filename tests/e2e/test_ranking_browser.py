"""The ranking of a call as seen in Chromium at 1366 and 390 px: no horizontal overflow of the
page (the wide table scrolls in its own region), the call chooser and the Excel download within
reach, the cut-off row shown, axe clean."""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse

from core.roles import APPROVER
from tests.budgeting.ranking_factories import commit, judged, ranked_call, reviewed, staff_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
SHOTS = os.environ.get("FT_SCREENSHOTS")  # a folder to keep the screenshots in, if given


@pytest.fixture
def ranking_data():
    call = ranked_call(free="20000.00", name="Nachbarschaft verbindet")
    commit(call, "5000.00")
    reviewed(call, "4.80", title="Sprachcafé für Nachbarinnen in Oberbarmen", reference="2026-0001")
    reviewed(
        call,
        "4.10",
        title="Nähwerkstatt Vohwinkel",
        reference="2026-0002",
        amount="4000.00",
        recommendation="partial",
    )
    reviewed(call, "2.30", title="Fußballtreff Elberfeld", reference="2026-0003")
    panel = ranked_call(panel=True, name="Vielfältig engagiert!")
    judged(panel, ["5.00", "3.00", "4.60"], title="Theater im Quartier", reference="2026-0004")
    return {"call": call, "panel": panel, "user": staff_in(APPROVER)}


def blocking_violations(tab) -> list:
    tab.mouse.move(0, 0)
    result = Axe().run(tab, options=AXE_OPTIONS)
    return [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("width", [1366, 390])
@pytest.mark.parametrize("which", ["call", "panel"])
def test_the_ranking_fits_the_screen_with_its_controls_in_reach(
    tab_for, live_server, ranking_data, width, language, which
):
    tab = tab_for(ranking_data["user"], viewport={"width": width, "height": 900})
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    tab.context.add_cookies([cookie])
    url = f"{reverse('rangliste:index')}?call={ranking_data[which].pk}"
    response = tab.goto(url, wait_until="networkidle")
    assert response is not None and response.status == 200
    if SHOTS:
        tab.screenshot(path=f"{SHOTS}/ranking-{which}-{width}-{language}.png", full_page=True)
    assert tab.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    for selector in ("form[method=get] button[type=submit]", "a[href$='rangliste.xlsx']"):
        control = tab.locator(selector).first
        control.scroll_into_view_if_needed()
        box = control.bounding_box()
        assert box is not None and box["height"] >= 24, selector
        assert box["x"] >= -1 and box["x"] + box["width"] <= width + 1, (selector, box)
    if which == "call":
        assert tab.locator("tr.ft-cutoff").count() == 1
    assert blocking_violations(tab) == []
