"""A small, valid one-page PDF to attach as a demo document."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.text import slugify


def demo_pdf(*lines: str) -> bytes:
    """A one-page PDF (Helvetica, A4) showing the given lines."""
    text = " ".join(f"({_pdf_text(line)}) Tj 0 -20 Td" for line in lines)
    content = f"BT /F1 14 Tf 72 770 Td {text} ET".encode("cp1252", errors="replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(pdf)
    pdf += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    pdf += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    pdf += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(pdf)


def demo_pdf_upload(document_name: str, organisation_name: str) -> SimpleUploadedFile:
    """The demo PDF as an uploaded file, named after the document."""
    content = demo_pdf(f"Demo-Unterlage: {document_name}", organisation_name)
    return SimpleUploadedFile(
        f"{slugify(document_name)}.pdf", content, content_type="application/pdf"
    )


def _pdf_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
