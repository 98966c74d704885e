"""Attachments: the type is read from the bytes; size limits; only members download."""

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from grants.models import Attachment
from tests.factories import PDF_BYTES, RequiredDocumentFactory

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def docx_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def upload(client, application, name, content, **extra):
    return client.post(
        reverse("portal:attachment_upload", args=[application.pk]),
        {"file": SimpleUploadedFile(name, content), **extra},
        follow=True,
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("satzung.pdf", PDF_BYTES, "application/pdf"),
        ("foto.png", PNG_BYTES, "image/png"),
        (
            "plan.docx",
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
    ],
)
def test_pdf_images_and_office_documents_are_accepted_by_their_content(
    applicant_client, draft, name, content, content_type
):
    response = upload(applicant_client, draft, name, content)
    assert response.status_code == 200
    attachment = Attachment.objects.get()
    assert attachment.content_type == content_type
    assert attachment.original_name == name
    assert attachment.size == len(content)


def test_a_program_renamed_to_pdf_is_refused(applicant_client, draft):
    response = upload(applicant_client, draft, "satzung.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    assert "Dieser Dateityp ist nicht erlaubt" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_file_above_the_size_limit_is_refused_and_nothing_is_stored(
    applicant_client, draft, settings
):
    settings.ATTACHMENT_MAX_BYTES = 100
    response = upload(applicant_client, draft, "gross.pdf", PDF_BYTES + b"x" * 200)
    assert "Die Datei ist zu groß" in response.content.decode()
    assert not Attachment.objects.exists()
    media = settings.MEDIA_ROOT / "attachments"
    assert not media.exists() or not any(media.rglob("*.*"))


def test_an_empty_file_is_refused(applicant_client, draft):
    response = upload(applicant_client, draft, "leer.pdf", b"")
    assert not Attachment.objects.exists()
    assert response.status_code == 200


def test_a_document_of_another_programme_cannot_be_claimed(applicant_client, draft):
    foreign_document = RequiredDocumentFactory()
    response = upload(
        applicant_client, draft, "satzung.pdf", PDF_BYTES, required_document=foreign_document.pk
    )
    assert not Attachment.objects.exists()
    assert response.status_code == 200


def test_a_member_downloads_the_file_with_its_original_name(applicant_client, draft):
    upload(applicant_client, draft, "Satzung Verein.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()
    response = applicant_client.get(reverse("portal:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert "Satzung Verein.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_deleting_a_draft_attachment_removes_row_and_file(
    applicant_client, draft, django_capture_on_commit_callbacks
):
    upload(applicant_client, draft, "alt.pdf", PDF_BYTES)
    attachment = Attachment.objects.get()
    path = Path(attachment.file.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = applicant_client.post(reverse("portal:attachment_delete", args=[attachment.pk]))
    assert response.url == reverse("portal:application_detail", args=[draft.pk])
    assert not Attachment.objects.exists()
    assert not path.exists()
