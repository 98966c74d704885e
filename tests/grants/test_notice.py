"""Notices (Bescheide) as PDF/A-3b: content, versions, audit, nothing half-saved."""

import io
from decimal import Decimal

import pytest
from pypdf import PdfReader

from core.models import AuditEntry
from grants.models import Decision, DecisionOutcome, Notice, NoticeKind
from grants.notices.render import html_to_pdf
from grants.notices.selectors import notices_of
from grants.services.notice import notice_issue
from tests.factories import ApplicationFactory, UserFactory

REFERENCE = "ZI-2026-0042"
PARTIAL_REASONS = "Die Honorarkosten sind nur bis 7.000 € angemessen (Honorarrichtlinie 2026)."
REJECTION_REASONS = "Das Projekt liegt außerhalb der Handlungsfelder des Förderprogramms."


def pdf_text(data: bytes) -> str:
    """All pages' text, with no-break spaces as plain spaces (1.234,56 € keeps them together)."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\N{NO-BREAK SPACE}", " ")


def read_file(notice: Notice) -> bytes:
    with notice.file.open("rb") as handle:
        return handle.read()


@pytest.fixture
def officer(db):
    return UserFactory()


@pytest.fixture
def application(db):
    application = ApplicationFactory()
    application.reference = REFERENCE
    application.save(update_fields=["reference"])
    return application


def decide(application, user, *, outcome, amount="0.00", reasons=""):
    return Decision.objects.create(
        application=application,
        outcome=outcome,
        approved_amount=Decimal(amount),
        reasons=reasons,
        decided_by=user,
    )


def test_partial_approval_notice_states_amounts_reasons_and_remedy(application, officer):
    decide(
        application,
        officer,
        outcome=DecisionOutcome.PARTIAL,
        amount="7000.00",
        reasons=PARTIAL_REASONS,
    )

    notice = notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer)

    assert (notice.kind, notice.version) == (NoticeKind.APPROVAL, 1)
    data = read_file(notice)
    assert data.startswith(b"%PDF-")
    text = pdf_text(data)
    for expected in [
        "Zuwendungsbescheid",
        "Bescheid Version 1",
        REFERENCE,
        application.organisation.name,
        application.title,
        "7.000,00 €",
        "8.000,00 €",
        "10.000,00 €",
        "Anteilfinanzierung",
        "80 %",
        "Durchführungszeitraum",
        "Bewilligungszeitraum",
        "Begründung der Teilbewilligung",
        PARTIAL_REASONS,
        "Nebenbestimmungen",
        "ANBest-P",
        "§ 49a VwVfG",
        "Rechtsbehelfsbelehrung",
        "Verwaltungsgericht Düsseldorf",
        "Rechtsbehelfsverzicht",
        "Seite 1 von",
    ]:
        assert expected in text, expected
    assert "Änderungsbescheid" not in text


def structure_tags(node) -> set[str]:
    """Every structure type (/S) below a node of a PDF's structure tree."""
    node = node.get_object()
    found = {node["/S"]} if "/S" in node else set()
    kids = node.get("/K", [])
    kids = kids if isinstance(kids, list) else [kids]
    for kid in kids:
        kid = kid.get_object()
        if hasattr(kid, "keys") and ("/K" in kid or "/S" in kid):
            found |= structure_tags(kid)
    return found


def test_notice_is_pdf_a_3b_with_title(application, officer):
    decide(application, officer, outcome=DecisionOutcome.APPROVED, amount="8000.00")

    data = read_file(notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer))

    reader = PdfReader(io.BytesIO(data))
    raw_xmp = reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode()
    assert "pdfaid:part" in raw_xmp
    xmp = reader.xmp_metadata
    assert (xmp.pdfaid_part, xmp.pdfaid_conformance) == ("3", "B")
    assert "/OutputIntents" in reader.trailer["/Root"]
    assert reader.metadata.title == f"Zuwendungsbescheid {REFERENCE} (Version 1)"
    # Tagged for screen readers: a structure tree with headings and tables (BITV 2.0).
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]
    tags = structure_tags(root["/StructTreeRoot"])
    assert {"/H2", "/Table", "/P"} <= tags


def test_full_approval_has_no_partial_reasons(application, officer):
    decide(application, officer, outcome=DecisionOutcome.APPROVED, amount="8000.00")

    text = pdf_text(
        read_file(notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer))
    )

    assert "8.000,00 €" in text
    assert "Begründung der Teilbewilligung" not in text


def test_second_notice_is_version_2_and_a_change_notice(application, officer):
    decide(application, officer, outcome=DecisionOutcome.APPROVED, amount="8000.00")
    first = notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer)

    second = notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer)

    assert (first.version, second.version) == (1, 2)
    assert first.file.name != second.file.name
    text = pdf_text(read_file(second))
    assert "Änderungsbescheid (Version 2)" in text
    assert "ersetzt den Zuwendungsbescheid Version 1" in text
    assert list(notices_of(application)) == [second, first]


def test_rejection_notice_states_the_reasons(application, officer):
    decide(application, officer, outcome=DecisionOutcome.REJECTED, reasons=REJECTION_REASONS)

    notice = notice_issue(application=application, kind=NoticeKind.REJECTION, user=officer)

    text = pdf_text(read_file(notice))
    assert (notice.kind, notice.version) == (NoticeKind.REJECTION, 1)
    for expected in [
        "Ablehnungsbescheid",
        REFERENCE,
        application.organisation.name,
        "8.000,00 €",
        REJECTION_REASONS,
        "Rechtsbehelfsbelehrung",
        "Verwaltungsgericht Düsseldorf",
    ]:
        assert expected in text, expected
    assert "Zuwendungsbescheid" not in text


def test_issuing_writes_an_audit_entry(application, officer):
    decide(application, officer, outcome=DecisionOutcome.APPROVED, amount="8000.00")

    notice = notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer)

    entry = AuditEntry.objects.for_object(application).get(action="grants.notice.issued")
    assert entry.actor == officer
    assert entry.after == {"kind": "approval", "version": 1, "notice": notice.pk}


def notice_files(settings):
    root = settings.MEDIA_ROOT / "notices"
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def test_without_decision_nothing_is_issued(application, officer, settings):
    with pytest.raises(ValueError, match="Entscheidung"):
        notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer)

    assert not Notice.objects.exists()
    assert not AuditEntry.objects.filter(action="grants.notice.issued").exists()
    assert notice_files(settings) == []


@pytest.mark.parametrize(
    ("outcome", "kind", "reasons"),
    [
        (DecisionOutcome.REJECTED, NoticeKind.APPROVAL, REJECTION_REASONS),
        (DecisionOutcome.APPROVED, NoticeKind.REJECTION, ""),
        (DecisionOutcome.PARTIAL, NoticeKind.APPROVAL, ""),  # a partial approval needs reasons
        (DecisionOutcome.REJECTED, NoticeKind.REJECTION, "  "),  # so does a rejection
    ],
)
def test_notice_that_does_not_fit_the_decision_is_refused(
    application, officer, settings, outcome, kind, reasons
):
    decide(application, officer, outcome=outcome, amount="7000.00", reasons=reasons)

    with pytest.raises(ValueError):
        notice_issue(application=application, kind=kind, user=officer)

    assert not Notice.objects.exists()
    assert notice_files(settings) == []


def test_file_is_removed_when_saving_the_row_fails(application, officer, settings, monkeypatch):
    decide(application, officer, outcome=DecisionOutcome.APPROVED, amount="8000.00")

    def broken_audit(**kwargs):
        raise RuntimeError("Protokoll nicht erreichbar")

    monkeypatch.setattr("grants.services.notice.audit_record", broken_audit)
    with pytest.raises(RuntimeError):
        notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer)

    assert not Notice.objects.exists()
    assert notice_files(settings) == []


@pytest.mark.parametrize("source", ["http://example.org/logo.png", "file:///etc/hostname"])
def test_rendering_fetches_nothing(source):
    html = f'<html lang="de"><body><p>Bescheid</p><img src="{source}" alt=""></body></html>'

    with pytest.raises(RuntimeError, match="externe Ressource"):
        html_to_pdf(html)
