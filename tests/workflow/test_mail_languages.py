"""Mails in the recipient's language: one mail per language among an organisation's people,
subject included; the notice stays German and the cover note says so; staff get German or
English; invitation and password reset too."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from applicants.models import Invitation
from applicants.notifications import send_invitation_mail
from grants.models import Decision, DecisionOutcome, NoticeKind
from grants.services.notice import notice_issue
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory
from tests.grants.report_factories import ReportFactory
from tests.translations import install_catalogue
from workflow import notifications
from workflow.application.case import case_submit

pytestmark = pytest.mark.django_db

TURKISH = {
    "Entscheidung über Ihren Antrag %(reference)s": "%(reference)s başvurunuz hakkında karar",
    "Guten Tag,": "Merhaba,",
    "Einladung zu %(organisation)s in Fördertal": "Fördertal'da %(organisation)s daveti",
    "Neues Passwort für Fördertal": "Fördertal için yeni şifre",
}


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.deactivate()


@pytest.fixture
def turkish(settings, tmp_path):
    install_catalogue(settings, tmp_path / "locale", "tr", TURKISH)


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


def member(application, email: str, language: str):
    return MembershipFactory(
        organisation=application.organisation, user=UserFactory(email=email, language=language)
    ).user


def by_recipient() -> dict[str, mail.EmailMessage]:
    return {address: message for message in mail.outbox for address in message.to}


def test_the_decision_goes_out_once_per_language_with_the_german_notice(
    approved, turkish, django_capture_on_commit_callbacks
):
    member(approved, "john@example.org", "en")
    member(approved, "ayse@example.org", "tr")
    member(approved, "mona@example.org", "")
    with django_capture_on_commit_callbacks(execute=True):
        notice = notice_issue(application=approved, kind=NoticeKind.APPROVAL, user=UserFactory())
        notifications.applicant_decided(notice=notice)

    assert len(mail.outbox) == 3
    mails = by_recipient()
    assert mails["mona@example.org"] is mails["kontakt@example.org"]  # no person: German
    english, turkish_mail, german = (
        mails["john@example.org"],
        mails["ayse@example.org"],
        mails["mona@example.org"],
    )
    for message in (english, turkish_mail, german):
        ((filename, _content, mimetype),) = message.attachments
        assert filename == "Zuwendungsbescheid-ZI-2026-0042-v1.pdf"
        assert mimetype == "application/pdf"

    assert "Only the German text is legally binding" in english.body
    assert "In short: your application ZI-2026-0042 has been approved, with 8,000.00" in (
        english.body
    )
    assert turkish_mail.subject == "ZI-2026-0042 başvurunuz hakkında karar"
    assert turkish_mail.body.startswith("Merhaba,")
    assert "8.000,00" in turkish_mail.body
    assert german.subject == "Entscheidung über Ihren Antrag ZI-2026-0042"
    assert "Kurz gesagt: Ihr Antrag ZI-2026-0042 ist bewilligt, mit 8.000,00" in german.body
    assert "Rechtlich verbindlich" not in german.body


def test_a_reminder_writes_the_day_the_recipients_way(django_capture_on_commit_callbacks):
    report = ReportFactory(due_on=datetime.date(2026, 3, 5))
    member(report.application, "john@example.org", "en")
    with django_capture_on_commit_callbacks(execute=True):
        notifications.applicant_report_reminder(report=report, today=datetime.date(2026, 3, 1))
    mails = by_recipient()
    assert mails["john@example.org"].subject.endswith("05/03/2026")
    assert "05/03/2026" in mails["john@example.org"].body
    assert mails["kontakt@example.org"].subject.endswith("05.03.2026")


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("en", "New task in Fördertal"),
        ("ar", "Neue Aufgabe in Fördertal"),
        ("", "Neue Aufgabe in Fördertal"),
    ],
)
def test_staff_read_the_task_mail_in_german_or_english(
    draft,
    applicant,
    staff,
    settings,
    tmp_path,
    language,
    subject,
    django_capture_on_commit_callbacks,
):
    install_catalogue(
        settings, tmp_path / "locale", "en", {"Neue Aufgabe in Fördertal": "New task in Fördertal"}
    )
    install_catalogue(
        settings, tmp_path / "locale", "ar", {"Neue Aufgabe in Fördertal": "مهمة جديدة"}
    )
    caseworker = staff["caseworker"]
    caseworker.language = language
    caseworker.save(update_fields=["language"])
    with translation.override("tr"), django_capture_on_commit_callbacks(execute=True):
        case_submit(application=draft, user=applicant)
    (task_mail,) = [m for m in mail.outbox if m.to == [caseworker.email]]
    assert task_mail.subject == subject


def test_an_invitation_to_a_known_person_is_in_their_language(turkish):
    inviter = MembershipFactory(role="admin")
    UserFactory(email="ayse@example.org", language="tr")
    invitation = Invitation.objects.create(
        organisation=inviter.organisation, email="ayse@example.org", invited_by=inviter.user
    )
    send_invitation_mail(invitation)
    assert mail.outbox[0].subject.startswith("Fördertal'da ")


def test_an_invitation_to_a_new_address_is_german(turkish):
    inviter = MembershipFactory(role="admin")
    invitation = Invitation.objects.create(
        organisation=inviter.organisation, email="neu@example.org", invited_by=inviter.user
    )
    with translation.override("tr"):
        send_invitation_mail(invitation)
    assert mail.outbox[0].subject.startswith("Einladung zu ")


@pytest.mark.parametrize(
    ("saved", "page", "subject"),
    [
        ("tr", "de", "Fördertal için yeni şifre"),
        ("", "tr", "Fördertal için yeni şifre"),
        ("", "de", "Neues Passwort für Fördertal"),
    ],
)
def test_the_password_reset_mail_is_in_the_saved_language_else_the_pages(
    client, turkish, saved, page, subject
):
    UserFactory(email="ayse@example.org", language=saved)
    client.cookies["django_language"] = page
    response = client.post(reverse("password_reset"), {"email": "ayse@example.org"})
    assert response.status_code == 302
    assert mail.outbox[0].subject == subject
