"""The jury's task page as seen in Chromium (a staff page: German and English, 1366 and 390 px):
Sachbearbeitung sees the reviewers allowed and reaches both buttons. (The light track's decision
is the decision page, tested with it.)"""

import os
from decimal import Decimal
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.db import transaction

from core.roles import CASEWORKER, REVIEWER
from grants.models import ReviewMode
from tests.factories import ApplicationFactory, CallFactory, MembershipFactory, ProgrammeFactory
from tests.workflow.conftest import staff_member
from workflow.application import services as tasks
from workflow.application.case import case_submit
from workflow.application.flow import ApplicationFlow as FLOW
from workflow.selectors import process_of
from workflow.task_services import task_complete_as

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def case_under(programme, applicant, caseworker):
    organisation = applicant.memberships.get().organisation
    call = CallFactory(programme=programme)
    application = ApplicationFactory(organisation=organisation, call=call, created_by=applicant)
    case_submit(application=application, user=applicant)
    task_complete_as(
        application=application,
        node=FLOW.formal_check,
        user=caseworker,
        service=tasks.task_formal_check,
        complete=True,
    )
    return application


def taken_task(application, node, user):
    task = process_of(application).task_set.get(flow_task=node, status="NEW")
    with node.flow_class.lock(task.process_id), transaction.atomic():
        node.activation_class(task).assign(user)
    return node.reverse("execute", args=[task.process_id, task.pk])


@pytest.fixture
def world():
    applicant = MembershipFactory(role="admin").user
    caseworker = staff_member(CASEWORKER, first_name="Sabine", last_name="Sachbearbeitung")
    for n, name in enumerate(("Gerd Gutachter", "Jana Jurorin", "Aleksandra Wiśniewska-Kowalczyk")):
        first, last = name.split(" ", 1)
        staff_member(REVIEWER, first_name=first, last_name=last, email=f"gutachten{n}@x.org")
    jury = ProgrammeFactory(
        review_mode=ReviewMode.PANEL, panel_size=3, spread_threshold=Decimal("1.00")
    )
    jury_case = case_under(jury, applicant, caseworker)
    return {
        "caseworker": caseworker,
        "panel_assign": taken_task(jury_case, FLOW.panel_assign, caseworker),
    }


def open_page(tab_for, live_server, user, path, width, language):
    tab = tab_for(user, viewport={"width": width, "height": 900})
    cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}
    tab.context.add_cookies([cookie])
    response = tab.goto(path, wait_until="networkidle")
    assert response is not None and response.status == 200
    return tab


def reachable(tab, selector) -> None:
    control = tab.locator(selector).first
    control.scroll_into_view_if_needed()
    box = control.bounding_box()
    assert box is not None, selector
    left = box["x"] + tab.evaluate("window.scrollX")
    right = tab.evaluate("document.documentElement.clientWidth")
    assert left >= -1 and left + box["width"] <= right + 1, (selector, box, right)
    assert box["height"] >= 24, selector
    control.click(trial=True)


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("width", [1366, 390])
def test_the_jury_page_offers_the_reviewers_and_both_buttons_fit(
    tab_for, live_server, world, width, language, tmp_path
):
    tab = open_page(
        tab_for, live_server, world["caseworker"], world["panel_assign"], width, language
    )
    shots = Path(os.environ.get("PROCEDURE_SCREENSHOTS") or tmp_path)
    tab.screenshot(path=shots / f"panel-assign-{width}-{language}.png", full_page=True)
    assert tab.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert tab.locator("input[name=reviewers]").count() == 3
    reachable(tab, ".ft-check-list label")
    reachable(tab, "button[name=from_pool]")
    reachable(tab, ".vf-card__actions button[type=submit]:not([name])")
    tab.mouse.move(0, 0)
    result = Axe().run(tab, options=AXE_OPTIONS)
    serious = [
        v["id"] for v in result.response["violations"] if v["impact"] in ("serious", "critical")
    ]
    assert serious == []
