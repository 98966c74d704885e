"""The juror's pages in Chromium: "Meine Jurybewertungen", the scoring page of a seat before and
after the vote, and the jury on the case page; at 1366 and 390 px, in German and English (staff
pages have no Arabic)."""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.urls import reverse

from core.roles import APPROVER, CASEWORKER, REVIEWER
from grants.models import Application, ApplicationStatus, CaseProcedure, Criterion, ReviewMode
from grants.services.panel import panel_assign, panel_seat_submit
from tests.factories import ApplicationFactory
from tests.workflow.conftest import staff_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}
WIDTHS = (1366, 390)
SUBMIT = ".vf-card__actions button[type='submit']"
LANGUAGES = ("de", "en")


@pytest.fixture
def jury():
    """A case of "Vielfältig engagiert!" before a jury of three; two have voted, far apart."""
    application = ApplicationFactory(title="Nachbarschaftsgarten für alle Generationen")
    programme = application.call.programme
    criteria = [
        Criterion.objects.create(
            programme=programme, name="Bedarf und Zielgruppe im Quartier", weight="2"
        ),
        Criterion.objects.create(
            programme=programme, name="Wirkung und Nachhaltigkeit", weight="1"
        ),
        Criterion.objects.create(programme=programme, name="Kosten und Finanzierung", weight="1"),
    ]
    procedure = CaseProcedure(
        programme=programme,
        review_mode=ReviewMode.PANEL,
        panel_size=3,
        spread_threshold=Decimal("1.00"),
    )
    procedure.full_clean()
    procedure.save()
    Application.objects.filter(pk=application.pk).update(
        procedure=procedure, status=ApplicationStatus.IN_REVIEW, reference="2026-VE-0042"
    )
    application.refresh_from_db()
    jurors = [
        staff_member(REVIEWER, first_name=first, last_name=last)
        for first, last in (("Jana", "Jurorin"), ("Jonas", "Juror"), ("Jutta", "Jurymitglied"))
    ]
    seats = panel_assign(application=application, reviewers=jurors, by=staff_member(CASEWORKER))
    for seat, points in zip(seats[1:], ([5, 5, 4], [1, 2, 2]), strict=True):
        panel_seat_submit(
            seat=seat,
            user=seat.reviewer,
            scores={c.pk: p for c, p in zip(criteria, points, strict=True)},
            assessment="Schlüssig.",
            recommendation="approve",
            recommended_amount=None,
            no_conflict_of_interest=True,
        )
    return {"application": application, "seat": seats[0], "juror": jurors[0], "criteria": criteria}


def open_page(tab_for, live_server, user, path, width, language):
    tab = tab_for(user, viewport={"width": width, "height": 900})
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    tab.context.add_cookies([cookie])
    response = tab.goto(path, wait_until="networkidle")
    assert response is not None and response.status == 200, path
    return tab


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where the screenshots go: $PANEL_SCREENSHOTS, else the test's temporary folder."""
    folder = Path(os.environ.get("PANEL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


MAIN_OVERFLOW = """(() => {
    const bar = document.querySelector(
        ".vf-page__body-toolbar .mdc-top-app-bar__section--align-end"
    );
    const display = bar ? bar.style.display : "";
    if (bar) bar.style.display = "none";
    const root = document.documentElement;
    const overflow = root.scrollWidth - root.clientWidth;
    if (bar) bar.style.display = display;
    return overflow;
})()"""


def looked_at(tab, folder: Path, name: str) -> None:
    tab.screenshot(path=folder / f"{name}.png", full_page=True)
    # the top bar's own actions (account, language) are wider than 390 px on every staff page;
    # measured is what this page puts below it
    overflow = tab.evaluate(MAIN_OVERFLOW)
    assert overflow <= 0, f"{name}: {overflow} px wider than the screen"
    tab.mouse.move(0, 0)
    result = Axe().run(tab, options=AXE_OPTIONS)
    serious = [
        (violation["id"], [node["target"] for node in violation["nodes"]][:3])
        for violation in result.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not serious, (name, serious)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_juror_scores_the_case_and_then_sees_the_jury(
    tab_for, live_server, jury, shots, width, language
):
    juror, seat = jury["juror"], jury["seat"]
    tab = open_page(tab_for, live_server, juror, reverse("jury:index"), width, language)
    looked_at(tab, shots, f"list-open-{width}-{language}")
    tab.get_by_role("link", name="2026-VE-0042").click()
    tab.wait_for_url(f"**{reverse('jury:seat', args=[seat.pk])}")
    tab.get_by_text("Bedarf und Zielgruppe im Quartier").first.wait_for()
    looked_at(tab, shots, f"seat-form-{width}-{language}")
    for criterion in jury["criteria"]:
        tab.locator(f"input[name='score_{criterion.pk}'][value='3']").check(force=True)
    tab.locator("textarea[name='assessment']").fill("Gut begründet, realistische Planung.")
    tab.locator("input[name='recommendation'][value='approve']").check(force=True)
    tab.locator("input[name='no_conflict_of_interest']").check(force=True)
    submit = tab.locator(SUBMIT)
    submit.scroll_into_view_if_needed()
    box = submit.bounding_box()
    assert box and box["x"] >= -1 and box["x"] + box["width"] <= width + 1, box
    assert box["height"] >= 24, box
    submit.click()
    tab.locator(SUBMIT).wait_for(state="detached")
    tab.wait_for_load_state("networkidle")
    looked_at(tab, shots, f"seat-done-{width}-{language}")
    text = tab.locator("main").inner_text()
    decimal = "," if language == "de" else "."
    for total in ("3.00", "4.75", "1.50", "3.08"):
        assert total.replace(".", decimal) in text, total
    page = open_page(
        tab_for,
        live_server,
        staff_member(APPROVER),
        reverse("antraege:case", args=[jury["application"].pk]),
        width,
        language,
    )
    looked_at(page, shots, f"case-{width}-{language}")
