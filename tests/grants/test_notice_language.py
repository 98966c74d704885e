"""Notices stay German whatever the language; the portal's cover note speaks the reader's."""

import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from grants.models import Decision, DecisionOutcome, NoticeKind
from grants.notices.cover import notice_covers
from grants.notices.render import render_notice_pdf
from grants.services.notice import notice_issue
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

BINDING_EN = "Only the German text is legally binding"


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.deactivate()


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return text.replace("\N{NO-BREAK SPACE}", " ")


@pytest.fixture
def approved(db):
    application = ApplicationFactory(reference="ZI-2026-0042")
    Decision.objects.create(
        application=application,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=Decimal("8000.00"),
        decided_by=UserFactory(),
    )
    return application


@pytest.mark.parametrize("language", ["en", "tr", "ar"])
def test_a_notice_rendered_in_another_language_is_german(approved, language):
    with translation.override(language):
        pdf = render_notice_pdf(
            application=approved,
            kind=NoticeKind.APPROVAL,
            version=1,
            issued_on=approved.call.opens_on,
        )
        assert translation.get_language() == language
    text = pdf_text(pdf)
    assert "Zuwendungsbescheid" in text and "Rechtsbehelfsbelehrung" in text
    assert "8.000,00 €" in text
    assert approved.call.opens_on.strftime("%d.%m.%Y") in text
    assert "8,000.00" not in text and "Notice" not in text


def test_the_cover_notes_state_each_notices_amount(approved):
    officer = UserFactory()
    first = notice_issue(application=approved, kind=NoticeKind.APPROVAL, user=officer)
    second = notice_issue(
        application=approved,
        kind=NoticeKind.APPROVAL,
        user=officer,
        approved_amount=Decimal("6500.00"),
    )
    covers = {cover.notice: cover for cover in notice_covers(approved)}
    assert covers[first].amount == Decimal("8000.00") and not covers[first].is_change
    assert covers[second].amount == Decimal("6500.00") and covers[second].is_change


def test_the_portal_lists_the_notices_with_a_cover_note_in_the_readers_language(client, approved):
    notice_issue(application=approved, kind=NoticeKind.APPROVAL, user=UserFactory())
    member = MembershipFactory(organisation=approved.organisation, role="admin").user
    client.force_login(member)
    url = reverse("portal:application_detail", args=[approved.pk])

    german = client.get(url).content.decode()
    assert "Kurz gesagt: Ihr Antrag ZI-2026-0042 ist bewilligt, mit 8.000,00" in german
    assert "Rechtlich verbindlich ist allein der deutsche Text" not in german

    member.language = "en"
    member.save(update_fields=["language"])
    english = client.get(url).content.decode()
    assert BINDING_EN in english
    assert "In short: your application ZI-2026-0042 has been approved, with 8,000.00" in english
    assert 'hreflang="de"' in english
