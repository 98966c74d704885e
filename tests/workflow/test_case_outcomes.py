"""Rejection, withdrawal, a budget line that lacks funds, and the staff mails."""

import io
from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader
from viewflow.workflow.models import Task

from budgeting.models import LedgerEntry
from grants.models import ApplicationStatus, Notice
from tests.factories import ApplicationFactory
from tests.workflow.helpers import FLOW, case_url, open_task, take_and_complete
from workflow.application.case import case_submit
from workflow.models import TaskMailLog
from workflow.selectors import process_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(draft, applicant):
    return case_submit(application=draft, user=applicant)


def to_decision(client, staff, application, budget_line, criteria, amount="8.000,00"):
    take_and_complete(
        client, staff["caseworker"], application, FLOW.formal_check, {"result": "complete"}
    )
    bedarf, wirkung = criteria
    take_and_complete(
        client,
        staff["reviewer"],
        application,
        FLOW.review,
        {
            f"score_{bedarf.pk}": "2",
            f"score_{wirkung.pk}": "1",
            "assessment": "Schwach begründet.",
            "recommendation": "reject",
            "no_conflict_of_interest": "on",
        },
    )
    take_and_complete(
        client, staff["finance"], application, FLOW.budget_check, {f"line_{budget_line.pk}": amount}
    )
    application.refresh_from_db()
    assert application.status == ApplicationStatus.AWAITING_DECISION


def test_a_rejection_needs_reasons_and_issues_a_rejection_notice(
    client, submitted, staff, budget_line, criteria, django_capture_on_commit_callbacks
):
    to_decision(client, staff, submitted, budget_line, criteria)
    response = take_and_complete(
        client, staff["approver"], submitted, FLOW.decision, {"outcome": "rejected"}
    )
    assert response.status_code == 200
    assert "Bitte begründen Sie die Entscheidung." in response.content.decode()

    task = open_task(submitted, FLOW.decision)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            FLOW.decision.reverse("execute", args=[task.process_id, task.pk]),
            {"outcome": "rejected", "reasons": "Der Bedarf ist nicht belegt."},
        )
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.REJECTED
    assert not LedgerEntry.objects.filter(application=submitted).exists()
    notice = Notice.objects.get(application=submitted)
    assert notice.kind == "rejection"
    with notice.file.open("rb") as pdf:
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages)
    assert "Ablehnungsbescheid" in text and "Der Bedarf ist nicht belegt." in text
    assert process_of(submitted).status == "DONE"
    assert any(m.attachments for m in mail.outbox if "Entscheidung" in m.subject)


def test_an_approval_against_a_line_without_free_funds_commits_nothing_and_says_how_much_lacks(
    client, submitted, staff, budget_line, criteria
):
    to_decision(client, staff, submitted, budget_line, criteria)
    budget_line.appropriation = Decimal("5000.00")
    budget_line.save()
    response = take_and_complete(
        client, staff["approver"], submitted, FLOW.decision, {"outcome": "approved"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "fehlen 3.000,00" in page
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.AWAITING_DECISION
    assert not LedgerEntry.objects.exists()
    assert not Notice.objects.exists()
    assert open_task(submitted, FLOW.decision).owner == staff["approver"]


def test_the_applicant_withdraws_and_the_process_ends_cleanly(
    client, applicant, submitted, staff, django_capture_on_commit_callbacks
):
    take_and_complete(
        client, staff["caseworker"], submitted, FLOW.formal_check, {"result": "complete"}
    )
    client.force_login(applicant)
    url = reverse("portal:application_withdraw", args=[submitted.pk])
    client.post(url)  # without the confirmation nothing happens
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.IN_REVIEW
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"confirm": "on"})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.WITHDRAWN
    process = process_of(submitted)
    assert process.status == "CANCELED"
    assert not Task.objects.filter(process=process, status__in=["NEW", "ASSIGNED"]).exists()
    assert any("zurückgezogen" in m.subject for m in mail.outbox)
    # withdrawn means withdrawn: no second time, and no task is left to work on
    assert client.post(url, {"confirm": "on"}).status_code == 403
    client.force_login(staff["reviewer"])
    assert "Übernehmen" not in client.get(case_url(submitted)).content.decode()


def test_staff_get_at_most_one_task_mail_an_hour(
    client, draft, applicant, staff, other_applicant, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        case_submit(application=draft, user=applicant)
    first = [m for m in mail.outbox if m.to == [staff["caseworker"].email]]
    assert len(first) == 1 and "Neue Aufgabe" in first[0].subject
    assert TaskMailLog.objects.filter(user=staff["caseworker"]).exists()
    # a second case arrives within the hour: no second mail
    second = ApplicationFactory(
        organisation=other_applicant.memberships.get().organisation,
        created_by=other_applicant,
        call=draft.call,
    )
    with django_capture_on_commit_callbacks(execute=True):
        case_submit(application=second, user=other_applicant)
    assert len([m for m in mail.outbox if m.to == [staff["caseworker"].email]]) == 1
    # the reviewer's role has no task yet, so no mail
    assert not [m for m in mail.outbox if m.to == [staff["reviewer"].email]]
