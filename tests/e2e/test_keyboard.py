"""Keyboard only (WCAG 2.1.1, 2.4.1, 2.4.3, 2.4.7): an applicant starts at the portal's list,
opens a new application, fills in what a submission needs and submits it, with nothing but
Tab, Shift+Tab, typing, Enter and Space. No mouse, no element.click(): where the focus is, is
read from document.activeElement. And a person of staff reaches the side menu with Tab."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from core.roles import CASEWORKER
from grants.models import Application, ApplicationStatus
from tests.workflow.conftest import staff_member

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
MAX_TABS = 120


def focused(page, selector: str) -> bool:
    return page.evaluate("s => document.activeElement.matches(s)", selector)


def focus_description(page) -> str:
    """The focused element, for a failure message."""
    return page.evaluate(
        """() => { const e = document.activeElement;
        const text = (e.textContent || '').trim().slice(0, 40);
        return `${e.tagName.toLowerCase()}#${e.id} name=${e.name || ''} "${text}"`; }"""
    )


def tab_to(page, selector: str, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until the focus is on `selector`; fail if it never gets there."""
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if focused(page, selector):
            return
    raise AssertionError(
        f"{selector} is not reachable with {key}; focus: {focus_description(page)}"
    )


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.type(text)


def focus_is_visible(page) -> bool:
    """The focused element draws an outline (our :focus-visible rule): a style and a width."""
    style = page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
        return {style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
    )
    return style["style"] != "none" and style["width"] > 0


def date_keys(page):
    """How to type a date into Chromium's date field: its segments follow the browser's own
    language, not the page's. Debian's chromium without chromium-l10n has only en-US
    (MM/DD/YYYY); with German it is DD.MM.YYYY. A blank tab of the same browser tells."""
    probe = page.context.new_page()
    probe.set_content("<input type=date>")
    probe.keyboard.press("Tab")
    probe.keyboard.type("01022003")
    value = probe.evaluate("document.querySelector('input').value")
    probe.close()
    assert value in ("2003-01-02", "2003-02-01"), f"the date probe read {value!r}"
    return lambda day: day.strftime("%m%d%Y" if value == "2003-01-02" else "%d%m%Y")


def test_an_applicant_submits_an_application_with_the_keyboard_only(tab_for, applicant, call):
    page = tab_for(applicant)
    home = reverse("portal:home")
    page.goto(home)

    # The first tab stop is the skip link; it shows where the focus is and appears on screen.
    page.keyboard.press("Tab")
    assert focused(page, "a.skip-link"), focus_description(page)
    assert focus_is_visible(page)
    assert page.evaluate("document.activeElement.getBoundingClientRect().left >= 0")
    page.keyboard.press("Enter")
    assert focused(page, "main#main")

    # From the content, on to the open call's link, and open it.
    create = f"{reverse('portal:application_create')}?call={call.pk}"
    tab_to(page, f"a[href='{create}']")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{create}")

    # The new draft: the call comes chosen from the link; the title, then Enter submits.
    assert page.evaluate("document.querySelector('#id_call').value") == str(call.pk)
    type_into(page, "#id_title", "Sprachcafé am Berliner Platz")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bearbeiten/")
    draft = Application.objects.get(organisation__memberships__user=applicant)

    # The application form, field by field in the order of the page.
    today = timezone.localdate()
    type_into(page, "#id_summary", "Jeden Mittwoch üben Frauen Deutsch beim Kaffee.")
    type_into(page, "#id_goals", "Mehr Sicherheit beim Sprechen, Kontakte im Stadtteil.")
    type_into(page, "#id_target_group", "Neu zugewanderte Frauen, etwa 20 Personen.")
    tab_to(page, "input[name='districts']")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")
    start, end = today + datetime.timedelta(days=30), today + datetime.timedelta(days=200)
    typed = date_keys(page)
    type_into(page, "#id_project_start", typed(start))
    assert page.evaluate("document.activeElement.value") == start.isoformat()
    type_into(page, "#id_project_end", typed(end))
    assert page.evaluate("document.activeElement.value") == end.isoformat()
    type_into(page, "#id_requested_amount", "4.000,00")
    # Kostenplan: Honorare 5.000,00; Finanzierungsplan: Eigenmittel 1.000,00 (80 % share).
    type_into(page, "#id_costs-0-category", "Hon")
    assert page.evaluate("document.activeElement.value") == "honorare"
    type_into(page, "#id_costs-0-description", "Kursleitung, 40 Termine")
    type_into(page, "#id_costs-0-amount", "5.000,00")
    type_into(page, "#id_funds-0-kind", "Eig")
    assert page.evaluate("document.activeElement.value") == "eigenmittel"
    type_into(page, "#id_funds-0-amount", "1.000,00")

    # Back with Shift+Tab to check one entry, then on to the button that submits.
    tab_to(page, "#id_requested_amount", key="Shift+Tab")
    assert page.evaluate("document.activeElement.value") == "4.000,00"
    tab_to(page, "button[name='submit']")
    page.keyboard.press("Enter")

    # The submitted application's page, with its reference number.
    detail = reverse("portal:application_detail", args=[draft.pk])
    page.wait_for_url(f"**{detail}")
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert re.fullmatch(rf"ZI-{today.year}-\d{{4}}", draft.reference)
    assert draft.reference in page.locator("main").inner_text()


def test_the_staff_menu_is_reached_with_tab(tab_for):
    """viewflow's side menu: every link a tab stop (Material's list would take them all out),
    the focus visible, the accessibility statement among them."""
    page = tab_for(staff_member(CASEWORKER))
    page.goto(reverse("antraege:index"), wait_until="networkidle")
    tab_to(page, f".vf-page__menu a[href='{reverse('wirkung:index')}']")
    assert focus_is_visible(page)
    statement = reverse("accessibility")
    tab_to(page, f".vf-page__menu a[href='{statement}']")
    assert focus_is_visible(page)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{statement}")
    assert page.locator("h1").inner_text() == "Erklärung zur Barrierefreiheit"
