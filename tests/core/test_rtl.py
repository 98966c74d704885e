"""Right to left: an Arabic page in a real browser (Debian's Chromium via Playwright, see
RECIPES.md 4) is dir="rtl", loads Bootstrap's RTL stylesheet, and our own stylesheet uses
logical properties only, so that its rules mirror with the page."""

import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from tests.browser import ARGS, CHROMIUM

CSS = Path(settings.BASE_DIR) / "static" / "css" / "foerdertal.css"
# left/right as a property or a property's end (margin-left, border-right, left: …, float: left).
PHYSICAL = re.compile(r"(^|[\s;{-])(left|right)\s*:|:\s*(left|right)\b|-(left|right)\b")


def test_our_stylesheet_uses_logical_properties_only():
    rules = re.sub(r"/\*.*?\*/", "", CSS.read_text(), flags=re.S)
    assert [line.strip() for line in rules.splitlines() if PHYSICAL.search(line)] == []


@contextmanager
def arabic_browser():
    """Chromium asking for Arabic. No ORM inside: Playwright's greenlets would get connections
    of their own, which nobody closes (PostgreSQL then cannot drop the test database)."""
    playwright = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium fehlt (make check-browser)")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        try:
            yield browser.new_context(locale="ar", viewport={"width": 1200, "height": 900})
        finally:
            browser.close()


# serialized_rollback: an earlier live-server test flushed the districts of the data migration.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_arabic_portal_page_is_right_to_left_in_the_browser(live_server, applicant, tmp_path):
    applicant.language = "ar"
    applicant.save(update_fields=["language"])
    client = Client()
    client.force_login(applicant)
    cookie = {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": live_server.url,
    }
    with arabic_browser() as browser:
        browser.add_cookies([cookie])
        page = browser.new_page()
        page.goto(f"{live_server.url}/portal/")
        check_right_to_left(page)
        page.screenshot(path=tmp_path / "portal-ar.png", full_page=True)


def check_right_to_left(page) -> None:
    """dir and Bootstrap's RTL sheet; the brand on the right; the skip link mirrored."""
    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.documentElement.dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    sheets = page.evaluate("[...document.styleSheets].map(s => [s.href || '', s.cssRules.length])")
    assert any(href.endswith("bootstrap.rtl.min.css") and rules for href, rules in sheets)
    width = page.viewport_size["width"]
    brand = page.locator(".navbar-brand").bounding_box()
    assert brand["x"] > width / 2  # the brand sits on the right, where Arabic starts

    skip = page.locator(".skip-link")
    assert skip.bounding_box()["x"] > width  # hidden beyond the right edge
    page.keyboard.press("Tab")
    shown = skip.bounding_box()
    assert width / 2 < shown["x"] and shown["x"] + shown["width"] <= width
