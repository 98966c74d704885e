"""report_save_draft, report_submit and report_check_record: guards, writes and the audit trail."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.errors import NotAllowed
from core.models import AuditEntry
from grants.models import ReportCheckResult, ReportStatus
from grants.reports.rows import ReceiptRow
from grants.services.errors import ReportRejected
from grants.services.report import (
    report_check_record,
    report_receipts_replace,
    report_save_draft,
    report_submit,
)
from tests.factories import MembershipFactory, UserFactory
from tests.grants.report_factories import ReportFactory, fill_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(organisation, applicant):
    return ReportFactory(application__organisation=organisation, application__created_by=applicant)


def row(number=None, amount="10.00", **kwargs):
    return ReceiptRow(
        number=number,
        date=kwargs.pop("date", datetime.date(2026, 3, 1)),
        payee=kwargs.pop("payee", "Copyshop"),
        purpose=kwargs.pop("purpose", "Flyer"),
        amount=Decimal(amount),
        **kwargs,
    )


def save(report, user, **overrides):
    lines = list(report.application.cost_lines.all())
    arguments = {
        "data": {"work_done": "Viel.", "what_worked": "Das meiste.", "what_did_not": ""},
        "cost_actuals": {lines[0].pk: Decimal("8500.00"), lines[1].pk: None},
        "income_actuals": {},
        "receipts": [row(), row(number=7), row()],
        "cost_comments": {lines[0].pk: "Zwei Termine fielen aus."},
    }
    arguments.update(overrides)
    return report_save_draft(report=report, user=user, **arguments)


def test_a_member_saves_the_draft_and_the_lists_replace_the_old_ones(report, applicant):
    save(report, applicant)
    report = save(report, applicant)
    assert report.work_done == "Viel."
    [actual] = report.cost_actuals.all()
    assert actual.amount == Decimal("8500.00") and actual.comment == "Zwei Termine fielen aus."
    # Numbers left empty get the next free numbers after the highest one given.
    assert list(report.receipts.values_list("number", flat=True)) == [7, 8, 9]
    assert not AuditEntry.objects.filter(action__startswith="grants.report.").exists()


def test_somebody_of_another_organisation_may_not_save(report, other_applicant):
    with pytest.raises(NotAllowed, match="nicht für diese Organisation"):
        save(report, other_applicant)


def test_a_submitted_report_cannot_be_saved(report, applicant):
    report.status = ReportStatus.SUBMITTED
    report.save()
    with pytest.raises(NotAllowed, match="eingereicht und kann nicht mehr bearbeitet"):
        save(report, applicant)


def test_lines_of_another_application_are_refused(report, applicant):
    foreign_line = ReportFactory().application.cost_lines.first()
    with pytest.raises(ValidationError):
        save(report, applicant, cost_actuals={foreign_line.pk: Decimal("1.00")})
    with pytest.raises(ValidationError):
        save(report, applicant, receipts=[row(cost_line_id=foreign_line.pk)])
    assert not report.cost_actuals.exists() and not report.receipts.exists()


def test_duplicate_receipt_numbers_are_refused(report, applicant):
    with pytest.raises(ValidationError, match="mehrfach vor: 3"):
        report_receipts_replace(report=report, user=applicant, receipts=[row(3), row(3)])


def test_submission_is_refused_with_every_broken_rule(report, applicant):
    with pytest.raises(ReportRejected) as rejection:
        report_submit(report=report, user=applicant)
    assert {"work_done", "what_worked", "what_did_not", "costs", "income", "receipts"} <= set(
        rejection.value.errors
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def test_a_complete_report_is_submitted_with_an_audit_entry(report, applicant):
    fill_report(report)
    report = report_submit(report=report, user=applicant)
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_by == applicant and report.submitted_at is not None
    entry = AuditEntry.objects.get(action="grants.report.submitted")
    assert entry.after["costs_actual"] == "10000.00"
    with pytest.raises(NotAllowed):
        report_submit(report=report, user=applicant)


def test_the_city_asks_for_revision_and_the_resubmission_answers_it(report, applicant):
    caseworker = UserFactory()
    fill_report(report)
    report_submit(report=report, user=applicant)
    with pytest.raises(ValidationError, match="was fehlt"):
        report_check_record(report=report, user=caseworker, accepted=False, message=" ")
    check = report_check_record(
        report=report, user=caseworker, accepted=False, message="Beleg 2 fehlt."
    )
    report.refresh_from_db()
    assert check.round == 1 and check.result == ReportCheckResult.REVISION
    assert report.status == ReportStatus.REVISION_REQUESTED
    assert report.revision_request == check and report.is_editable
    report_submit(report=report, user=applicant)
    check.refresh_from_db()
    assert check.answered_at is not None
    assert AuditEntry.objects.filter(action="grants.report.resubmitted").count() == 1
    second = report_check_record(report=report, user=caseworker, accepted=True)
    report.refresh_from_db()
    assert second.round == 2 and report.status == ReportStatus.ACCEPTED
    assert report.accepted_at is not None and report.revision_request is None
    assert [e.action for e in AuditEntry.objects.filter(action__startswith="grants.report.")] == [
        "grants.report.submitted",
        "grants.report.revision",
        "grants.report.resubmitted",
        "grants.report.accepted",
    ]


def test_only_a_submitted_report_can_be_checked(report):
    with pytest.raises(NotAllowed, match="nicht möglich"):
        report_check_record(report=report, user=UserFactory(), accepted=True)


def test_a_second_member_of_the_organisation_may_edit_too(report):
    colleague = MembershipFactory(organisation=report.application.organisation).user
    save(report, colleague)
    assert report.receipts.count() == 3
