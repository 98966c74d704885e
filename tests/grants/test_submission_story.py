"""The applicant's story through HTTP: register, draft, fail each rule, submit."""

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry, District
from grants.models import Application, ApplicationStatus
from tests.applicants.data import registration_data
from tests.factories import PDF_BYTES, CallFactory, ProgrammeFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db


def draft_data(**overrides):
    today = timezone.localdate()
    data = {
        "title": "Sprachcafé am Berliner Platz",
        "summary": "Jeden Mittwoch üben Frauen Deutsch beim Kaffee.",
        "goals": "Mehr Sicherheit beim Sprechen, Kontakte im Stadtteil.",
        "target_group": "Neu zugewanderte Frauen, etwa 20 Personen.",
        "districts": [str(District.objects.get(name="Oberbarmen").pk)],
        "project_start": (today + datetime.timedelta(days=30)).isoformat(),
        "project_end": (today + datetime.timedelta(days=200)).isoformat(),
        "requested_amount": "4.000,00",
        "costs-TOTAL_FORMS": "2",
        "costs-INITIAL_FORMS": "0",
        "costs-0-category": "honorare",
        "costs-0-description": "Kursleitung, 40 Termine",
        "costs-0-amount": "4.000,00",
        "costs-1-category": "sachkosten",
        "costs-1-description": "Material und Getränke",
        "costs-1-amount": "1.000,00",
        "funds-TOTAL_FORMS": "2",
        "funds-INITIAL_FORMS": "0",
        "funds-0-kind": "eigenmittel",
        "funds-0-amount": "500,00",
        "funds-1-kind": "stiftung",
        "funds-1-source_name": "Freudenberg Stiftung",
        "funds-1-amount": "500,00",
    }
    data.update(overrides)
    return data


def errors_on_page(response) -> str:
    return response.content.decode()


def test_an_initiative_registers_writes_a_draft_fails_each_rule_and_submits(client):
    programme = ProgrammeFactory(name="Nachbarschaft verbindet")
    RequiredDocumentFactory(programme=programme, name="Satzung")
    call = CallFactory(programme=programme)

    # Registration of the person with the organisation logs them in.
    response = client.post(reverse("portal:register"), registration_data())
    assert response.status_code == 302, response.content.decode()
    assert client.get(reverse("portal:organisation")).status_code == 200

    # A draft, saved incomplete.
    response = client.post(
        reverse("portal:application_create"), {"call": call.pk, "title": "Sprachcafé"}
    )
    application = Application.objects.get()
    assert response.url == reverse("portal:application_edit", args=[application.pk])
    edit_url = response.url
    submit_url = reverse("portal:application_submit", args=[application.pk])
    response = client.post(
        edit_url, {"title": "Sprachcafé", **draft_data(summary="")} | {"save": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.summary == "" and application.status == ApplicationStatus.DRAFT

    # Submitting breaks rules; each one is shown next to its field, nothing is submitted.
    response = client.post(submit_url, draft_data(summary="", requested_amount="16.000,00"))
    page = errors_on_page(response)
    assert response.status_code == 400
    assert 'id="id_summary_error"' in page and "Bitte füllen Sie dieses Feld aus." in page
    assert "Das Programm fördert höchstens 15.000,00" in page
    assert "Der Finanzierungsplan ist nicht ausgeglichen" in page
    assert "Es fehlt die Unterlage „Satzung“." in page
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.reference is None

    # The share rule (80 %): 4,800 of 5,000 is too much even though the plan balances.
    response = client.post(
        submit_url,
        draft_data(
            requested_amount="4.800,00", **{"funds-1-amount": "0,00", "funds-0-amount": "200,00"}
        ),
    )
    assert "Bei 80 % Anteilfinanzierung sind höchstens 4.000,00" in errors_on_page(response)

    # The project period must lie in the call's window.
    late = (call.project_end_latest + datetime.timedelta(days=1)).isoformat()
    response = client.post(submit_url, draft_data(project_end=late))
    assert "Das Projekt muss spätestens am" in errors_on_page(response)

    # Upload the required document; content is checked from the bytes.
    pdf = SimpleUploadedFile("satzung.pdf", PDF_BYTES, content_type="application/pdf")
    document = programme.required_documents.get()
    response = client.post(
        reverse("portal:attachment_upload", args=[application.pk]),
        {"file": pdf, "required_document": document.pk, "back": "edit"},
    )
    assert response.status_code == 302
    assert application.attachments.count() == 1

    # A closed call refuses the submission.
    call.closes_on = timezone.localdate() - datetime.timedelta(days=1)
    call.save()
    response = client.post(submit_url, draft_data())
    assert "Der Förderaufruf ist nicht geöffnet" in errors_on_page(response)
    call.closes_on = timezone.localdate() + datetime.timedelta(days=30)
    call.save()

    # Everything holds: submitted with a yearly reference number.
    response = client.post(submit_url, draft_data())
    assert response.status_code == 302, errors_on_page(response)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    assert re.fullmatch(rf"ZI-{timezone.localdate().year}-\d{{4}}", application.reference)
    assert AuditEntry.objects.filter(action="grants.application.submitted").count() == 1

    # A submitted application can no longer be edited.
    assert client.get(edit_url).status_code == 403
    response = client.post(edit_url, draft_data(title="Geändert", save=""))
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.title == "Sprachcafé am Berliner Platz"
    detail = client.get(reverse("portal:application_detail", args=[application.pk]))
    assert application.reference in detail.content.decode()
    assert "Eingereicht" in detail.content.decode()


def test_untouched_empty_plan_rows_are_skipped_when_saving(applicant_client, draft):
    data = draft_data(save="")
    data.update(
        {
            "costs-TOTAL_FORMS": "3",
            "costs-2-category": "",
            "costs-2-description": "",
            "costs-2-amount": "",
            "funds-TOTAL_FORMS": "3",
            "funds-2-kind": "",
            "funds-2-amount": "",
        }
    )
    response = applicant_client.post(reverse("portal:application_edit", args=[draft.pk]), data)
    assert response.status_code == 302
    assert draft.cost_lines.count() == 2
    assert draft.financing_lines.count() == 2


def test_the_edit_page_offers_empty_rows_that_start_unselected(applicant_client, draft):
    page = applicant_client.get(reverse("portal:application_edit", args=[draft.pk]))
    html = page.content.decode()
    assert 'name="costs-2-category"' in html
    row = html.split('name="costs-2-category"')[1].split("</select>")[0]
    assert '<option value="" selected>' in row
