"""Upload limits: the number of attachments per application, and what an imported
Belegliste may unpack to or contain."""

import io
import zipfile

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.models import AuditEntry
from core.uploads import check_unpacked_size
from grants.models import Attachment
from grants.reports.receipts_import import parse_receipts
from grants.services.attachment import attachment_add
from tests.factories import PDF_BYTES

pytestmark = pytest.mark.django_db


def upload(client, application, name="satzung.pdf", content=PDF_BYTES):
    return client.post(
        reverse("portal:attachment_upload", args=[application.pk]),
        {"file": SimpleUploadedFile(name, content)},
        follow=True,
    )


def add(application, user, name="satzung.pdf"):
    return attachment_add(
        application=application,
        user=user,
        uploaded_file=SimpleUploadedFile(name, PDF_BYTES),
        required_document=None,
    )


def stored(settings) -> list:
    return [p for p in (settings.MEDIA_ROOT / "attachments").rglob("*") if p.is_file()]


def test_the_21st_attachment_is_refused_with_a_clear_message(applicant_client, draft, applicant):
    for number in range(20):
        add(draft, applicant, name=f"beleg-{number}.pdf")
    audit_entries = AuditEntry.objects.count()

    response = upload(applicant_client, draft, name="noch-eine.pdf")

    assert (
        "Zu diesem Antrag sind schon 20 Unterlagen hochgeladen; mehr als 20 sind nicht möglich."
        in response.content.decode()
    )
    assert Attachment.objects.count() == 20
    assert AuditEntry.objects.count() == audit_entries
    assert not Attachment.objects.filter(original_name="noch-eine.pdf").exists()


def test_the_limit_comes_from_the_settings_and_leaves_no_file_behind(settings, draft, applicant):
    settings.ATTACHMENT_MAX_COUNT = 2
    add(draft, applicant)
    add(draft, applicant)
    files = stored(settings)

    with pytest.raises(ValidationError) as refusal:
        add(draft, applicant)

    assert refusal.value.code == "too_many"
    assert "mehr als 2 sind nicht möglich" in refusal.value.messages[0]
    assert stored(settings) == files


def test_after_deleting_one_a_further_attachment_can_be_uploaded(
    settings, applicant_client, draft, applicant
):
    settings.ATTACHMENT_MAX_COUNT = 1
    first = add(draft, applicant)
    assert "nicht möglich" in upload(applicant_client, draft).content.decode()

    applicant_client.post(reverse("portal:attachment_delete", args=[first.pk]))
    response = upload(applicant_client, draft, name="neu.pdf")

    assert "„neu.pdf“ ist hochgeladen." in response.content.decode()
    assert list(Attachment.objects.values_list("original_name", flat=True)) == ["neu.pdf"]


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb(unpacked: int) -> bytes:
    """An XLSX-shaped zip whose sheet unpacks to `unpacked` bytes of blanks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b" " * unpacked)
    return buffer.getvalue()


def test_an_xlsx_that_unpacks_to_more_than_the_limit_is_refused_unread(settings):
    settings.RECEIPTS_IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    bomb = zip_bomb(2 * 1024 * 1024)
    assert len(bomb) < 10_000

    with pytest.raises(ValidationError) as refusal:
        parse_receipts(SimpleUploadedFile("belege.xlsx", bomb))

    assert refusal.value.code == "too_large_unpacked"
    assert refusal.value.messages == [
        "Die Datei ist entpackt zu groß (2,0\xa0MB). Erlaubt sind höchstens 1,0\xa0MB. "
        "Bitte speichern Sie nur die Tabelle mit den Belegen."
    ]


def test_an_ordinary_xlsx_stays_far_below_the_unpacked_limit(settings):
    rows = [["Datum", "Zahlungsempfänger", "Zweck", "Betrag"]]
    rows += [["01.03.2027", f"Empfänger {n}", "Miete", "10,00"] for n in range(1000)]
    data = xlsx(rows)
    check_unpacked_size(data, settings.RECEIPTS_IMPORT_MAX_UNPACKED_BYTES // 20)


def test_a_damaged_zip_is_left_to_the_reader_of_the_format():
    check_unpacked_size(b"PK\x03\x04 not really a zip", 10)


def test_a_csv_with_an_endless_field_is_refused_in_german():
    text = 'Datum;Zahlungsempfänger;Zweck;Betrag\n01.03.2027;"' + "x" * 200_000 + "\n"

    with pytest.raises(ValidationError) as refusal:
        parse_receipts(SimpleUploadedFile("belege.csv", text.encode()))

    assert refusal.value.code == "csv"
    assert refusal.value.messages[0].startswith(
        "Die CSV-Datei kann ab Zeile 2 nicht gelesen werden"
    )
    assert "field" not in refusal.value.messages[0]
