"""The Content-Security-Policy header of each area: portal and public pages, staff pages."""

import base64
import hashlib
import re
from pathlib import Path

import pytest
import viewflow
from django.conf import settings
from django.urls import reverse

from tests.factories import ApplicationFactory
from workflow.application.case import case_submit

pytestmark = pytest.mark.django_db

STRICT = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
STAFF = (
    "default-src 'self'; script-src 'self'; "
    "script-src-attr 'unsafe-hashes' 'sha256-seD630z7277f97kwMcz927xhDjB8+HQCe4f0EztcsAU=' "
    "'sha256-GdAjV6tJJrCv5L8FkbHYzJwNrscSj7aTuYJzS/C7wZY='; "
    "style-src 'self'; "
    "style-src-elem 'self' 'sha256-yjVIWNQxxGeNgKGxy6rrOxfzLLlgdbbLxapBzqoNUQE=' "
    "'sha256-WAyOw4V+FqDc35lQPyRADLBWbuNK8ahvYEaQIYF1+Ps=' "
    "'sha256-M8YLp52BurxPpYt0Cgj1yb0uSRNVQeG6qA/8hDfuLCo='; "
    "style-src-attr 'unsafe-inline'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'self'; object-src 'none'"
)
ENFORCED = "Content-Security-Policy"


def csp_hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_a_portal_page_has_the_strict_policy(applicant_client, draft):
    response = applicant_client.get(reverse("portal:application_edit", args=[draft.pk]))
    assert response.status_code == 200
    assert response[ENFORCED] == STRICT
    assert "Content-Security-Policy-Report-Only" not in response


@pytest.mark.parametrize("name", ["landing", "login", "portal:register", "transparency:index"])
def test_the_public_pages_have_the_strict_policy(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response[ENFORCED] == STRICT


def test_the_admin_needs_nothing_inline_and_has_the_strict_policy(client):
    response = client.get(reverse("admin:login"))
    assert response[ENFORCED] == STRICT


def test_a_staff_page_has_the_staff_policy(client, staff):
    client.force_login(staff["caseworker"])
    response = client.get(reverse("antraege:index"))
    assert response.status_code == 200
    assert response[ENFORCED] == STAFF


def test_a_refused_staff_page_still_has_the_staff_policy(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("antraege:index"))
    assert response.status_code == 403
    assert response[ENFORCED] == STAFF


def test_every_inline_style_element_of_the_case_page_is_allowed_by_its_hash(
    client, staff, organisation, applicant, call
):
    """viewflow's theme and flow chart bring <style> elements: each must match a hash, as the
    browser computes it (the text, without the CDATA markers of the inline SVG)."""
    application = ApplicationFactory(organisation=organisation, created_by=applicant, call=call)
    case_submit(application=application, user=applicant)
    client.force_login(staff["caseworker"])
    response = client.get(reverse("antraege:case", args=[application.pk]))
    page = response.content.decode()
    styles = re.findall(r"<style[^>]*>(.*?)</style>", page, flags=re.S)
    assert len(styles) == 2  # the theme colours and the flow chart
    allowed = settings.SECURE_CSP_PATHS["/staff/"]["style-src-elem"]
    for text in styles:
        assert csp_hash(text.replace("<![CDATA[", "").replace("]]>", "")) in allowed


def test_our_templates_carry_no_inline_script_style_or_handler():
    """Our own pages need no exception: no <script> without src, no style="" or <style>, no
    on…="" handler (the PDF notices are rendered by WeasyPrint, not by a browser)."""
    offenders = []
    for path in (settings.BASE_DIR / "templates").rglob("*.html"):
        if path.parent.name == "notices" or path.name == "refund_notice.html":
            continue
        text = path.read_text()
        if re.search(r"<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=", text):
            offenders.append(str(path))
    assert offenders == []


def test_the_onclick_handlers_of_viewflows_back_links_are_allowed_by_their_hashes():
    """tasks_assign.html and delete_action.html (bulk actions) go back with an onclick."""
    templates = Path(viewflow.__file__).parent / "templates" / "viewflow"
    handlers = set()
    for name in ("workflow/tasks_assign.html", "views/delete_action.html"):
        handlers |= set(re.findall(r'onclick="([^"]*)"', (templates / name).read_text()))
    assert len(handlers) == 2
    allowed = settings.SECURE_CSP_PATHS["/staff/"]["script-src-attr"]
    assert {csp_hash(handler) for handler in handlers} <= set(allowed)
