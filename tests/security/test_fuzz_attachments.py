"""Uploads of random bytes, empty files, disguised programs and odd names: refused or stored
whole, never a server error, never a file without its row."""

from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from core.models import AuditEntry
from core.uploads import ALLOWED_TYPES
from grants.models import Attachment
from tests.factories import PDF_BYTES
from tests.security.fuzz import FUZZ, TEXT, assert_answer, rolled_back

pytestmark = pytest.mark.django_db

NAME_CASES = [
    "satzung.pdf",
    "programm.exe.pdf",
    "../../etc/passwd.pdf",
    "..\\..\\windows\\win.ini.pdf",
    "a/b/c.pdf",
    "nul\x00byte.pdf",
    "\x00",
    ".pdf",
    "..",
    "CON.pdf",
    "x" * 300 + ".pdf",
    "Übersicht – Kosten (endgültig).pdf",
    "<script>alert(1)</script>.pdf",
    "name\r\nX-Header: 1.pdf",
]
CONTENT_CASES = [
    b"",
    b"\x00",
    PDF_BYTES,
    b"MZ\x90\x00" + b"\x00" * 200,  # a Windows program renamed to .pdf
    b"#!/bin/sh\nrm -rf /\n",
    b"<html><script>alert(1)</script></html>",
    b"PK\x03\x04" + b"\x00" * 30,  # a broken zip
    b"%PDF",
    b"\x89PNG\r\n\x1a\n",
]
NAMES = st.one_of(st.sampled_from(NAME_CASES), TEXT)
CONTENTS = st.one_of(st.sampled_from(CONTENT_CASES), st.binary(max_size=2048))


BOUNDARY = "----fuzzboundary7MA4YWxkTrZu0gW"


def multipart(name: str, content: bytes) -> bytes:
    """A file upload as a browser (or a script) sends it, with the name exactly as given."""
    head = f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
    head += "Content-Type: application/octet-stream\r\n\r\n"
    return head.encode() + content + f"\r\n--{BOUNDARY}--\r\n".encode()


def stored_files() -> set[str]:
    root = Path(settings.MEDIA_ROOT)
    return {str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()}


@FUZZ
@given(name=NAMES, content=CONTENTS)
def test_an_odd_upload_is_stored_whole_or_not_at_all(applicant_client, draft, name, content):
    url = reverse("portal:attachment_upload", args=[draft.pk])
    with rolled_back():
        before = (Attachment.objects.count(), AuditEntry.objects.count(), stored_files())
        response = applicant_client.post(
            url, multipart(name, content), content_type=f"multipart/form-data; boundary={BOUNDARY}"
        )
        assert_answer(response)
        attachments = list(Attachment.objects.all())
        if len(attachments) == before[0]:
            assert (AuditEntry.objects.count(), stored_files()) == before[1:]
        else:
            (attachment,) = attachments
            assert attachment.content_type in ALLOWED_TYPES.values()
            assert "\x00" not in attachment.original_name
            assert "/" not in attachment.original_name and "\\" not in attachment.original_name
            assert stored_files() == before[2] | {attachment.file.name}
            attachment.file.delete(save=False)  # the rollback does not remove the file
