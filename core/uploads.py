"""Uploaded files: the type is read from the bytes, never from the name; size and count are
limited."""

import io
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# extension detected from the content -> MIME type we store and serve
ALLOWED_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "webp": "image/webp",
    "doc": "application/msword",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xls": "application/vnd.ms-excel",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


@dataclass(frozen=True)
class CheckedUpload:
    extension: str
    content_type: str
    size: int


def check_upload(uploaded_file) -> CheckedUpload:
    """Accept PDF, images and office documents up to the size limit; raise ValidationError."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if uploaded_file.size == 0:
        raise ValidationError(_("Die Datei ist leer."), code="empty")
    if uploaded_file.size > limit:
        raise ValidationError(
            _("Die Datei ist zu groß (%(size)s). Erlaubt sind höchstens %(limit)s.")
            % {"size": filesizeformat(uploaded_file.size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    uploaded_file.seek(0)
    head = uploaded_file.read(8192)
    uploaded_file.seek(0)
    kind = filetype.guess(head)
    if kind is None or kind.extension not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "Dieser Dateityp ist nicht erlaubt. Bitte laden Sie PDF, Bilder (PNG, JPEG, WebP) "
                "oder Office-Dokumente (Word, Excel, OpenDocument) hoch."
            ),
            code="type",
        )
    return CheckedUpload(
        extension=kind.extension,
        content_type=ALLOWED_TYPES[kind.extension],
        size=uploaded_file.size,
    )


def check_count(existing: int) -> None:
    """Refuse one more attachment when ATTACHMENT_MAX_COUNT are there already."""
    limit = settings.ATTACHMENT_MAX_COUNT
    if existing >= limit:
        raise ValidationError(
            _(
                "Zu diesem Antrag sind schon %(count)s Unterlagen hochgeladen; mehr als "
                "%(limit)s sind nicht möglich. Bitte löschen Sie eine Unterlage, die nicht mehr "
                "gebraucht wird, oder fassen Sie Unterlagen in einer PDF-Datei zusammen."
            )
            % {"count": existing, "limit": limit},
            code="too_many",
        )


def check_unpacked_size(data: bytes, limit: int) -> None:
    """Refuse a zip (XLSX, DOCX …) whose members would unpack to more than limit bytes.

    The sizes come from the zip's directory; Python's zipfile never unpacks a member beyond
    the size given there, so a zip bomb stops at this check."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        return  # not a readable zip: the reader of the format refuses it with its own message
    if unpacked > limit:
        raise ValidationError(
            _(
                "Die Datei ist entpackt zu groß (%(size)s). Erlaubt sind höchstens %(limit)s. "
                "Bitte speichern Sie nur die Tabelle mit den Belegen."
            )
            % {"size": filesizeformat(unpacked), "limit": filesizeformat(limit)},
            code="too_large_unpacked",
        )
