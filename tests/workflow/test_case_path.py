"""The whole path of a case through HTTP, with separate logins for every role."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from budgeting.models import LedgerEntry
from core.models import AuditEntry
from grants.models import ApplicationStatus, FormalCheck
from tests.grants.test_submission_story import draft_data
from tests.workflow.helpers import FLOW, case_url, open_task, take_and_complete

pytestmark = pytest.mark.django_db


def submit(client, application, **overrides):
    url = reverse("portal:application_submit", args=[application.pk])
    return client.post(url, draft_data(**overrides))


def test_submission_revision_review_budget_check_partial_approval_and_notice(
    client, applicant, draft, staff, budget_line, criteria, django_capture_on_commit_callbacks
):
    # The applicant submits: the process starts with the formal check.
    client.force_login(applicant)
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, draft)
    assert response.status_code == 302, response.content.decode()[:2000]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert any("ist eingegangen" in m.subject for m in mail.outbox)
    assert open_task(draft, FLOW.formal_check).status == "NEW"

    # The caseworker asks for a revision.
    with django_capture_on_commit_callbacks(execute=True):
        response = take_and_complete(
            client,
            staff["caseworker"],
            draft,
            FLOW.formal_check,
            {"result": "revision", "message": "Bitte ergänzen Sie die Zielgruppe."},
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.REVISION_REQUESTED
    assert any("Bitte ergänzen Sie die Zielgruppe." in m.body for m in mail.outbox)

    # The applicant sees the request, edits and resubmits; the case returns to the check.
    client.force_login(applicant)
    detail = client.get(reverse("portal:application_detail", args=[draft.pk])).content.decode()
    assert "Bitte ergänzen Sie die Zielgruppe." in detail
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, draft, target_group="Frauen aus 12 Ländern, etwa 20 Personen.")
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    assert draft.target_group.startswith("Frauen aus 12 Ländern")

    # Second round of the formal check: complete.
    response = take_and_complete(
        client, staff["caseworker"], draft, FLOW.formal_check, {"result": "complete"}
    )
    assert response.status_code == 302
    assert list(FormalCheck.objects.filter(application=draft).values_list("round", "result")) == [
        (1, "revision"),
        (2, "complete"),
    ]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.IN_REVIEW

    # Review and budget check run in parallel.
    bedarf, wirkung = criteria
    response = take_and_complete(
        client,
        staff["reviewer"],
        draft,
        FLOW.review,
        {
            f"score_{bedarf.pk}": "4",
            f"score_{wirkung.pk}": "3",
            "assessment": "Gut begründeter Bedarf, Wirkung plausibel.",
            "recommendation": "partial",
            "recommended_amount": "3.500,00",
            "no_conflict_of_interest": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert draft.review.weighted_total == Decimal("3.67")  # (4×2 + 3×1) / 3

    page = client.get(case_url(draft))
    client.force_login(staff["finance"])
    task = open_task(draft, FLOW.budget_check)
    client.post(FLOW.budget_check.reverse("assign", args=[task.process_id, task.pk]))
    form_page = client.get(FLOW.budget_check.reverse("execute", args=[task.process_id, task.pk]))
    assert "frei: 20.000,00" in form_page.content.decode()
    response = client.post(
        FLOW.budget_check.reverse("execute", args=[task.process_id, task.pk]),
        {f"line_{budget_line.pk}": "4.000,00"},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.AWAITING_DECISION

    # The approver sees review, budget check and plan, and approves in part.
    client.force_login(staff["approver"])
    page = client.get(case_url(draft)).content.decode()
    assert "Teilbewilligung empfohlen" in page and "4.000,00" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = take_and_complete(
            client,
            staff["approver"],
            draft,
            FLOW.decision,
            {
                "outcome": "partial",
                "approved_amount": "3.500,00",
                "reasons": "Die Honorare sind nur zum Teil förderfähig.",
            },
        )
    assert response.status_code == 302, response.content.decode()[:3000]
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.APPROVED
    commitment = LedgerEntry.objects.get(application=draft)
    assert (commitment.kind, str(commitment.amount)) == ("commitment", "3500.00")
    decided = [m for m in mail.outbox if "Entscheidung" in m.subject]
    assert decided and decided[0].attachments

    # The notice downloads in the portal and states the approved amount.
    client.force_login(applicant)
    notice = draft.notices.get()
    response = client.get(reverse("portal:notice_download", args=[notice.pk]))
    assert response.status_code == 200
    pdf = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(page.extract_text() for page in pdf.pages).replace("\xa0", " ")
    assert "3.500,00 €" in text
    assert draft.reference in text
    assert "Die Honorare sind nur zum Teil förderfähig." in text

    # Every step is in the history, in German, on the case page.
    actions = list(AuditEntry.objects.for_object(draft).values_list("action", flat=True))
    assert actions[-1] == "grants.notice.issued" or "grants.notice.issued" in actions
    client.force_login(staff["caseworker"])
    page = client.get(case_url(draft)).content.decode()
    for label in (
        "Nachforderung an den Antragsteller",
        "Fachliche Prüfung abgeschlossen",
        "Haushaltsprüfung: Haushaltsstellen gewählt",
        "Teilbewilligt",
        "Mittel gebunden",
        "Bescheid erlassen",
    ):
        assert label in page
    assert "<svg" in page  # the flow chart with the current step


def test_taking_a_task_on_the_case_page_returns_to_the_case_page(client, applicant, draft, staff):
    client.force_login(applicant)
    assert submit(client, draft).status_code == 302
    client.force_login(staff["caseworker"])
    page = client.get(case_url(draft)).content.decode()
    task = open_task(draft, FLOW.formal_check)
    assign = FLOW.formal_check.reverse("assign", args=[task.process_id, task.pk])
    assert f"{assign}?back={case_url(draft)}" in page
    response = client.post(f"{assign}?back={case_url(draft)}", follow=True)
    assert response.redirect_chain[-1][0] == case_url(draft)
    assert "Aufgabe" in response.content.decode() and "übernommen" in response.content.decode()
