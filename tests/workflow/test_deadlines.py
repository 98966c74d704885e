"""Deadlines on the staff page and the daily reminder mails."""

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from budgeting.models import RefundClaim
from grants.models import Report
from tests.grants.report_factories import ReportFactory
from workflow.reminders import reminders_send

pytestmark = pytest.mark.django_db


def report_due_in(days, organisation, applicant):
    report = ReportFactory(
        application__organisation=organisation, application__created_by=applicant
    )
    report.due_on = timezone.localdate() + datetime.timedelta(days=days)
    report.save()
    return report


def test_reports_get_reminders_14_days_before_on_the_day_and_7_days_late(
    organisation, applicant, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    for days in (14, 0, -7, 13, -8):
        report_due_in(days, organisation, applicant)
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=today) == 3
    subjects = [m.subject for m in mail.outbox]
    assert len(subjects) == 3 and all(
        s.startswith("Erinnerung: Verwendungsnachweis") for s in subjects
    )


def test_an_overdue_refund_is_reminded_the_day_after_and_every_14_days(
    draft, applicant, django_capture_on_commit_callbacks
):
    today = timezone.localdate()
    claim = RefundClaim.objects.create(
        application=draft,
        reason="settlement",
        explanation="x",
        amount=Decimal("100.00"),
        interest_from=today,
        due_on=today - datetime.timedelta(days=1),
        notice_file="refunds/x.pdf",
        created_by=applicant,
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=today) == 1
        assert reminders_send(today=today + datetime.timedelta(days=1)) == 0
        assert reminders_send(today=today + datetime.timedelta(days=14)) == 1
    assert "Rückforderung" in mail.outbox[0].subject
    claim.status = "settled"
    claim.save()
    assert reminders_send(today=today + datetime.timedelta(days=28)) == 0


def test_the_command_reports_how_many_reminders_went_out(db):
    out = StringIO()
    call_command("send_reminders", stdout=out)
    assert "0 Erinnerungen verschickt." in out.getvalue()


def test_the_deadlines_page_lists_what_is_due_with_the_same_queries_for_1_and_20(
    client, staff, organisation, applicant
):
    client.force_login(staff["caseworker"])
    counts = []
    for total in (1, 20):
        while (
            Report.objects.filter(
                due_on__lte=timezone.localdate() + datetime.timedelta(days=14)
            ).count()
            < total
        ):
            report_due_in(3, organisation, applicant)
        report_due_in(60, organisation, applicant)
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/staff/antraege/fristen/").content.decode()
        assert page.count("Verwendungsnachweis") == total
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_the_deadlines_page_pages_each_table_on_its_own(client, staff, organisation, applicant):
    """Thousands of open items stay one page: 25 rows a table, its own page parameter, the
    other tables keep theirs."""
    for _ in range(30):
        report_due_in(3, organisation, applicant)
    client.force_login(staff["caseworker"])
    first = client.get("/staff/antraege/fristen/?payment_requests_page=1").content.decode()
    assert "(30)" in first and "Seite 1 von 2" in first
    assert first.count("/staff/antraege/") >= 25
    assert "?payment_requests_page=1&amp;reports_page=2" in first
    second = client.get("/staff/antraege/fristen/?reports_page=2").content.decode()
    assert "Seite 2 von 2" in second and "vorige Seite" in second
