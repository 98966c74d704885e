"""Who may NOT: other organisations and logged-out visitors."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import get_resolver, reverse

from applicants.models import BankAccountChange
from budgeting.models import RefundClaim
from grants.models import Application, Attachment, Notice
from grants.services.attachment import attachment_add
from tests.factories import PDF_BYTES, ApplicationFactory, MembershipFactory
from tests.grants.idea_helpers import idea_handed_in
from tests.grants.report_factories import ReportFactory

pytestmark = pytest.mark.django_db

PUBLIC_PORTAL_URLS = {"portal:register", "portal:invitation_accept"}
# URL name -> (the object it takes, the methods it answers)
OBJECT_URLS = {
    "portal:application_detail": ("application", ("get",)),
    "portal:application_edit": ("application", ("get", "post")),
    "portal:application_submit": ("application", ("post",)),
    "portal:application_withdraw": ("application", ("post",)),
    "portal:application_waiver": ("application", ("post",)),
    "portal:payment_request": ("application", ("get", "post")),
    "portal:change_request": ("application", ("get", "post")),
    "portal:attachment_upload": ("application", ("post",)),
    "portal:attachment_download": ("attachment", ("get",)),
    "portal:attachment_delete": ("attachment", ("post",)),
    "portal:notice_download": ("notice", ("get",)),
    "portal:report_detail": ("report", ("get",)),
    "portal:report_edit": ("report", ("get", "post")),
    "portal:report_submit": ("report", ("post",)),
    "portal:report_receipts_import": ("report", ("post",)),
    "portal:refund_notice": ("claim", ("get",)),
    "portal:bank_change_confirm": ("bank_change", ("post",)),
    "portal:bank_change_reject": ("bank_change", ("post",)),
    "portal:idea_detail": ("idea", ("get",)),
}


def portal_url_names() -> list[str]:
    """Every named URL of the portal, taken from the resolver."""
    resolver = get_resolver()
    namespace = resolver.namespace_dict["portal"][1]
    return sorted(
        f"portal:{name}"
        for name in namespace.reverse_dict
        if isinstance(name, str) and f"portal:{name}" not in PUBLIC_PORTAL_URLS
    )


def object_url(name, case):
    if name not in OBJECT_URLS:
        return reverse(name)
    return reverse(name, kwargs={"pk": case[OBJECT_URLS[name][0]].pk})


@pytest.fixture
def foreign_case(other_applicant):
    """An application of another organisation, with an attachment and a notice."""
    organisation = other_applicant.memberships.get().organisation
    application = ApplicationFactory(organisation=organisation, created_by=other_applicant)
    attachment = attachment_add(
        application=application,
        user=other_applicant,
        uploaded_file=SimpleUploadedFile("satzung.pdf", PDF_BYTES),
        required_document=None,
    )
    notice = Notice.objects.create(
        application=application, kind="approval", file="notices/x.pdf", issued_by=other_applicant
    )
    report = ReportFactory(application=application)
    claim = RefundClaim.objects.create(
        application=application,
        reason="settlement",
        explanation="Überzahlung",
        amount="100.00",
        interest_from=datetime.date(2026, 1, 1),
        due_on=datetime.date(2026, 2, 1),
        notice_file="refunds/x.pdf",
        created_by=other_applicant,
    )
    bank_change = BankAccountChange.objects.create(
        organisation=organisation,
        holder="Fremder Verein",
        iban="DE89370400440532013000",
        requested_by=other_applicant,
    )
    return {
        "application": application,
        "attachment": attachment,
        "notice": notice,
        "report": report,
        "claim": claim,
        "bank_change": bank_change,
        "idea": idea_handed_in(organisation=organisation, user=other_applicant),
    }


def test_every_portal_url_sends_a_logged_out_visitor_to_the_login(client, foreign_case):
    names = portal_url_names()
    assert set(OBJECT_URLS) <= set(names) and "portal:home" in names
    for name in names:
        url = object_url(name, foreign_case)
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, (name, method)
            assert response.url.startswith(reverse("login") + "?next="), name


def test_a_member_of_another_organisation_gets_404_for_every_object_url(
    applicant_client, foreign_case
):
    application, attachment = foreign_case["application"], foreign_case["attachment"]
    for name, (_kind, methods) in OBJECT_URLS.items():
        url = object_url(name, foreign_case)
        for method in methods:
            response = getattr(applicant_client, method)(url, {"title": "Übernommen"})
            assert response.status_code == 404, (name, method)
    application.refresh_from_db()
    assert application.title != "Übernommen"
    assert Attachment.objects.filter(pk=attachment.pk).exists()


def test_the_portal_list_shows_only_the_own_organisations_applications(
    applicant_client, draft, foreign_case
):
    foreign = foreign_case["application"]
    foreign.title = "Geheimes Projekt der Nachbarn"
    foreign.save()
    page = applicant_client.get(reverse("portal:home")).content.decode()
    assert draft.title in page
    assert "Geheimes Projekt der Nachbarn" not in page


def test_a_person_without_organisation_sees_no_portal_data(client, draft):
    stranger = MembershipFactory().user
    stranger.memberships.all().delete()
    client.force_login(stranger)
    assert client.get(reverse("portal:home")).status_code == 403
    assert client.get(reverse("portal:application_detail", args=[draft.pk])).status_code == 403


def test_a_submitted_application_cannot_be_changed_nor_its_attachments_deleted(
    applicant_client, draft, applicant
):
    attachment = attachment_add(
        application=draft,
        user=applicant,
        uploaded_file=SimpleUploadedFile("plan.pdf", PDF_BYTES),
        required_document=None,
    )
    Application.objects.filter(pk=draft.pk).update(status="submitted", reference="ZI-2026-0001")
    response = applicant_client.post(reverse("portal:attachment_delete", args=[attachment.pk]))
    assert response.status_code == 403
    assert "eingereichten Antrags" in response.content.decode()
    assert Attachment.objects.filter(pk=attachment.pk).exists()
    upload = applicant_client.post(
        reverse("portal:attachment_upload", args=[draft.pk]),
        {"file": SimpleUploadedFile("neu.pdf", PDF_BYTES)},
        follow=True,
    )
    assert "keine Unterlagen mehr" in upload.content.decode()
    assert draft.attachments.count() == 1
