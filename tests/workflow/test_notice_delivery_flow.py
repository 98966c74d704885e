"""Delivery through the whole case: the decision provides the notice in the portal (with the
organisation's consent) or posts it, the mail says which, the retrieval or the post starts
the appeal period, `finalize_grants` ends an unused provision (staff get a mail and the case
page and the deadlines page say so) and makes the grant final only after a real delivery."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from applicants.services_delivery import organisation_delivery_consent_set
from grants.models import ApplicationStatus, DeliveryChannel, Notice
from tests.clock import set_clock
from tests.factories import MembershipFactory
from tests.workflow.grants import approved_grant

pytestmark = pytest.mark.django_db

ISSUED = date(2026, 3, 2)  # a Monday
POSTED_NOTE = "Bereitstellung beendet – bitte per Post zustellen"


@pytest.fixture(autouse=True)
def _second_of_march(monkeypatch):
    set_clock(monkeypatch, ISSUED)


@pytest.fixture
def consented(organisation, applicant):
    organisation_delivery_consent_set(organisation=organisation, user=applicant, consent=True)


def approve(draft, applicant, staff, budget_line, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return approved_grant(draft, applicant, staff, [(budget_line, "8000.00")])


def finalize(monkeypatch, day):
    set_clock(monkeypatch, day)
    out = StringIO()
    call_command("finalize_grants", stdout=out)
    return out.getvalue()


def status(application):
    application.refresh_from_db()
    return application.status


def test_with_consent_the_mail_notifies_without_the_notice_and_names_the_retrieval_rule(
    consented, draft, applicant, staff, budget_line, django_capture_on_commit_callbacks
):
    grant = approve(draft, applicant, staff, budget_line, django_capture_on_commit_callbacks)

    notice = Notice.objects.get(application=grant)
    assert notice.channel == DeliveryChannel.PORTAL
    assert notice.notified_at.date() == ISSUED
    (decided,) = [m for m in mail.outbox if m.subject.startswith("Entscheidung")]
    assert decided.attachments == []
    assert "steht für Sie im Portal zum Abruf bereit" in decided.body
    assert "gilt am Tag nach dem Abruf als bekanntgegeben" in decided.body
    assert "bis zum 12.03.2026 ab" in decided.body


def test_without_consent_the_notice_is_attached_and_delivered_four_days_after_issue(
    draft, applicant, staff, budget_line, django_capture_on_commit_callbacks
):
    grant = approve(draft, applicant, staff, budget_line, django_capture_on_commit_callbacks)

    notice = Notice.objects.get(application=grant)
    assert (notice.channel, notice.delivered_on) == (DeliveryChannel.POST, date(2026, 3, 6))
    (decided,) = [m for m in mail.outbox if m.subject.startswith("Entscheidung")]
    assert len(decided.attachments) == 1


def test_retrieval_in_the_portal_starts_the_appeal_period_and_finality_follows(
    consented,
    draft,
    applicant,
    staff,
    budget_line,
    client,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    grant = approve(draft, applicant, staff, budget_line, django_capture_on_commit_callbacks)
    notice = Notice.objects.get(application=grant)
    client.force_login(applicant)
    page = client.get(reverse("portal:application_detail", args=[grant.pk])).content.decode()
    assert "Wenn Sie ihn herunterladen, haben Sie ihn abgerufen" in page
    assert "Abruf bis zum 12.03.2026" in page

    set_clock(monkeypatch, date(2026, 3, 5))
    client.force_login(applicant)  # a new day, a new session
    response = client.get(reverse("portal:notice_download", args=[notice.pk]))
    assert b"".join(response.streaming_content).startswith(b"%PDF")

    notice.refresh_from_db()
    assert notice.delivered_on == date(2026, 3, 6)
    page = client.get(reverse("portal:application_detail", args=[grant.pk])).content.decode()
    assert "Bekanntgabe am 06.03.2026" in page
    # 6 April 2026 is Ostermontag: the period ends on Tuesday 7 April, final from 8 April
    assert "Die Klagefrist endet am 07.04.2026" in page
    finalize(monkeypatch, date(2026, 4, 7))
    assert status(grant) == ApplicationStatus.APPROVED
    finalize(monkeypatch, date(2026, 4, 8))
    assert status(grant) == ApplicationStatus.FINAL
    assert grant.final_on == date(2026, 4, 8)


def test_without_retrieval_staff_are_told_and_the_grant_becomes_final_only_after_the_post(
    consented,
    draft,
    applicant,
    staff,
    budget_line,
    client,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    grant = approve(draft, applicant, staff, budget_line, django_capture_on_commit_callbacks)
    notice = Notice.objects.get(application=grant)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        finalize(monkeypatch, date(2026, 3, 12))
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        out = finalize(monkeypatch, date(2026, 3, 13))

    assert "bitte per Post zustellen" in out
    notice.refresh_from_db()
    assert notice.provision_ended_on == date(2026, 3, 12) and notice.delivered_on is None
    (told,) = mail.outbox
    assert sorted(told.to) == sorted([staff["approver"].email, staff["caseworker"].email])
    assert "nicht abgerufen: bitte per Post zustellen" in told.subject
    assert "NICHT bekanntgegeben" in told.body

    client.force_login(staff["caseworker"])
    assert POSTED_NOTE in client.get(reverse("antraege:deadlines")).content.decode()
    case = client.get(reverse("antraege:case", args=[grant.pk])).content.decode()
    assert POSTED_NOTE in case and "Bekanntgabe erfassen" in case

    finalize(monkeypatch, date(2026, 5, 4))  # long after any period: still not delivered
    assert status(grant) == ApplicationStatus.APPROVED

    set_clock(monkeypatch, date(2026, 3, 16))
    client.force_login(staff["caseworker"])  # a new day, a new session
    response = client.post(
        reverse("antraege:notice_delivery", args=[notice.pk]),
        {f"delivery{notice.pk}-how": "post", f"delivery{notice.pk}-on": "2026-03-16"},
        follow=True,
    )
    assert "Der Bescheid gilt am 20.03.2026 als bekanntgegeben" in response.content.decode()
    notice.refresh_from_db()
    assert (notice.channel, notice.delivered_on) == (DeliveryChannel.POST, date(2026, 3, 20))
    case = client.get(reverse("antraege:case", args=[grant.pk])).content.decode()
    assert "Klagefrist bis 20.04.2026" in case and POSTED_NOTE not in case

    finalize(monkeypatch, date(2026, 4, 20))
    assert status(grant) == ApplicationStatus.APPROVED
    finalize(monkeypatch, date(2026, 4, 21))
    assert status(grant) == ApplicationStatus.FINAL


def test_the_reviewer_cannot_record_a_delivery(
    consented,
    draft,
    applicant,
    staff,
    budget_line,
    client,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    grant = approve(draft, applicant, staff, budget_line, django_capture_on_commit_callbacks)
    notice = Notice.objects.get(application=grant)
    finalize(monkeypatch, date(2026, 3, 13))
    client.force_login(staff["reviewer"])

    case = client.get(reverse("antraege:case", args=[grant.pk])).content.decode()
    response = client.post(
        reverse("antraege:notice_delivery", args=[notice.pk]),
        {f"delivery{notice.pk}-how": "post", f"delivery{notice.pk}-on": "2026-03-13"},
    )

    assert POSTED_NOTE in case and "Bekanntgabe erfassen" not in case
    assert response.status_code == 403
    notice.refresh_from_db()
    assert notice.delivered_on is None


def test_the_administrator_gives_the_consent_on_the_organisation_page(
    organisation, applicant, client
):
    client.force_login(applicant)
    url = reverse("portal:delivery_consent")

    page = client.get(reverse("portal:organisation")).content.decode()
    assert "Einwilligung erteilen" in page and "§ 41 Abs. 2a VwVfG" in page
    response = client.post(url, {"action": "give"}, follow=True)
    assert "Bitte bestätigen Sie die Einwilligung" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.portal_delivery_consent_at is None

    response = client.post(url, {"action": "give", "consent": "on"}, follow=True)
    organisation.refresh_from_db()
    assert organisation.portal_delivery_consent_at is not None
    assert "Einwilligung widerrufen" in response.content.decode()

    client.post(url, {"action": "withdraw"})
    organisation.refresh_from_db()
    assert organisation.portal_delivery_consent_at is None


def test_a_plain_member_cannot_give_the_consent(organisation, client):
    member = MembershipFactory(organisation=organisation, role="member").user
    client.force_login(member)

    page = client.get(reverse("portal:organisation")).content.decode()
    response = client.post(
        reverse("portal:delivery_consent"), {"action": "give", "consent": "on"}, follow=True
    )

    assert "Einwilligung erteilen" not in page
    assert "Nur die Verwaltung der Organisation" in response.content.decode()
    organisation.refresh_from_db()
    assert organisation.portal_delivery_consent_at is None
