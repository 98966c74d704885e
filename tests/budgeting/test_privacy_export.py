"""Meine Daten (Art. 15/20 DSGVO): a ZIP with everything about the person and their
organisations – and nothing of any other organisation."""

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from budgeting.models import PaymentRequest
from core.models import AuditEntry
from grants.models import ApplicationStatus, ChangeRequest, Receipt, Report
from tests.budgeting.privacy_data import attach, closed_grant
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

MY_DATA = reverse("portal:my_data")


@pytest.fixture
def clerk(db):
    return UserFactory(is_staff=True, first_name="Sabine", last_name="Musterbeamtin")


@pytest.fixture
def grant(applicant, organisation, clerk):
    application = closed_grant(applicant=applicant, organisation=organisation, clerk=clerk)
    report = Report.objects.create(
        application=application,
        kind="final",
        period_start=application.project_start,
        period_end=application.project_end,
        due_on=application.project_end,
        work_done="40 Termine Sprachcafé",
        submitted_by=applicant,
    )
    Receipt.objects.create(
        report=report,
        number=1,
        date=application.project_start,
        payee="Druckerei",
        purpose="Flyer",
        amount="120.00",
    )
    ChangeRequest.objects.create(application=application, requested_by=applicant, reason="länger")
    return application


@pytest.fixture
def foreign(other_applicant):
    """Another organisation's application with an upload: never part of the export."""
    organisation = other_applicant.memberships.get().organisation
    application = ApplicationFactory(
        organisation=organisation, created_by=other_applicant, title="Geheimprojekt Nachbarn"
    )
    attach(application, other_applicant, name="fremde-satzung.pdf")
    return application


def download(client) -> zipfile.ZipFile:
    response = client.post(MY_DATA)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "meine-daten-" in response["Content-Disposition"]
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_the_zip_holds_the_data_and_files_of_the_person_and_their_organisation(
    applicant_client, applicant, organisation, grant, foreign, clerk
):
    archive = download(applicant_client)
    data = json.loads(archive.read("daten.json"))

    assert data["person"][0]["email"] == applicant.email
    assert "password" not in data["person"][0]
    assert [m["organisation"] for m in data["memberships"]] == [organisation.pk]
    assert [o["name"] for o in data["organisations"]] == [organisation.name]
    assert data["bank_accounts"][0]["iban"] == organisation.bank_account.iban
    assert [a["reference"] for a in data["applications"]] == [grant.reference]
    assert data["applications"][0]["status_label"] == str(ApplicationStatus.CLOSED.label)
    assert len(data["cost_lines"]) == 2 and len(data["financing_lines"]) == 2
    assert data["reports"][0]["work_done"] == "40 Termine Sprachcafé"
    assert data["receipts"][0]["payee"] == "Druckerei"
    assert data["payment_requests"][0]["amount"] == "7000.00"
    assert data["payment_requests"][0]["requested_by"] == "Sie"
    assert {e["kind"] for e in data["ledger_entries"]} == {"commitment", "payout", "release"}
    assert data["settlements"][0]["final_grant"] == "7000.00"
    assert data["change_requests"][0]["reason"] == "länger"
    assert data["decisions"][0]["decided_by"] == "Stadtverwaltung"
    assert "Musterbeamtin" not in json.dumps(data, ensure_ascii=False)  # no staff names
    assert clerk.email not in json.dumps(data)
    assert data["field_labels"]["grants.application"]["title"] == "Projekttitel"
    actions = {entry["action"] for entry in data["audit_entries"]}
    assert {"grants.application.submitted", "grants.application.closed"} <= actions

    names = set(archive.namelist())
    assert {"daten.json", "LIESMICH.txt", data["notices"][0]["file"]} <= names
    upload = data["attachments"][0]["file"]
    assert upload.endswith("Satzung.pdf") and archive.read(upload).startswith(b"%PDF")
    assert archive.read(data["notices"][0]["file"]).startswith(b"%PDF")


def test_another_organisations_data_is_absent(applicant_client, grant, foreign):
    archive = download(applicant_client)
    text = archive.read("daten.json").decode()
    assert "Geheimprojekt Nachbarn" not in text
    assert foreign.organisation.name not in text
    assert not [name for name in archive.namelist() if "fremde" in name]
    assert str(foreign.pk) not in {str(a["id"]) for a in json.loads(text)["applications"]}


def test_a_person_in_two_organisations_gets_both(applicant_client, applicant, organisation):
    second = MembershipFactory(user=applicant).organisation
    ApplicationFactory(organisation=second, created_by=applicant, title="Zweites Projekt")

    data = json.loads(download(applicant_client).read("daten.json"))

    assert {o["name"] for o in data["organisations"]} == {organisation.name, second.name}
    assert [a["title"] for a in data["applications"]] == ["Zweites Projekt"]


def test_the_download_is_recorded_in_the_audit_log(applicant_client, applicant, grant):
    download(applicant_client)
    entry = AuditEntry.objects.get(action="core.person.data_exported")
    assert entry.actor == applicant and entry.object_id == str(applicant.pk)
    assert entry.after["applications"] == 1


def test_the_page_explains_and_is_linked_from_the_organisation_page(applicant_client):
    page = applicant_client.get(MY_DATA).content.decode()
    assert "Meine Daten herunterladen (ZIP)" in page and "Art. 15 DSGVO" in page
    assert MY_DATA in applicant_client.get(reverse("portal:organisation")).content.decode()
    assert not AuditEntry.objects.filter(action="core.person.data_exported").exists()


def test_logged_out_visitors_are_sent_to_the_login(client):
    for response in (client.get(MY_DATA), client.post(MY_DATA)):
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_staff_get_no_download_in_the_portal(client, clerk):
    client.force_login(clerk)
    response = client.post(MY_DATA)
    assert response.status_code == 403
    assert not AuditEntry.objects.filter(action="core.person.data_exported").exists()


def test_the_command_writes_the_export_for_a_request_by_letter(tmp_path, applicant, grant):
    target = tmp_path / "auskunft.zip"
    call_command("export_personal_data", "--email", applicant.email.upper(), "--output", target)
    assert json.loads(zipfile.ZipFile(target).read("daten.json"))["person"][0]["id"] == applicant.pk
    assert target.stat().st_mode & 0o777 == 0o600
    assert PaymentRequest.objects.count() == 1
