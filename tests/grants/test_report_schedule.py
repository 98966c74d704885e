"""reports_schedule: the Verwendungsnachweis always, Zwischennachweise where the programme asks."""

import datetime

import pytest

from core.models import AuditEntry
from grants.models import ReportKind, ReportStatus
from grants.services.report import reports_schedule
from tests.factories import CallFactory, ProgrammeFactory
from tests.grants.report_factories import FinalApplicationFactory

pytestmark = pytest.mark.django_db


def grant(*, start, end, interim=False, months=6):
    programme = ProgrammeFactory(requires_interim_report=interim, final_report_months=months)
    return FinalApplicationFactory(
        call=CallFactory(programme=programme), project_start=start, project_end=end
    )


def test_the_final_report_covers_the_project_and_is_due_months_after_its_end():
    application = grant(start=datetime.date(2027, 2, 1), end=datetime.date(2027, 8, 31), months=3)
    [report] = reports_schedule(application=application)
    assert report.kind == ReportKind.FINAL and report.status == ReportStatus.DRAFT
    assert (report.period_start, report.period_end) == (
        datetime.date(2027, 2, 1),
        datetime.date(2027, 8, 31),
    )
    # 31 August + 3 months: the end of November (relativedelta keeps the month end).
    assert report.due_on == datetime.date(2027, 11, 30)
    assert AuditEntry.objects.filter(action="grants.report.created").count() == 1


def test_a_project_within_one_year_owes_no_interim_report_even_when_the_programme_asks():
    application = grant(
        start=datetime.date(2027, 1, 1), end=datetime.date(2027, 12, 31), interim=True
    )
    reports = reports_schedule(application=application)
    assert [r.kind for r in reports] == [ReportKind.FINAL]


def test_each_calendar_year_the_project_runs_past_gets_an_interim_report_due_30_april():
    application = grant(
        start=datetime.date(2027, 9, 1), end=datetime.date(2029, 3, 31), interim=True
    )
    reports = reports_schedule(application=application)
    assert [(r.kind, r.period_start, r.period_end, r.due_on) for r in reports] == [
        (
            ReportKind.INTERIM,
            datetime.date(2027, 9, 1),
            datetime.date(2027, 12, 31),
            datetime.date(2028, 4, 30),
        ),
        (
            ReportKind.INTERIM,
            datetime.date(2028, 1, 1),
            datetime.date(2028, 12, 31),
            datetime.date(2029, 4, 30),
        ),
        (
            ReportKind.FINAL,
            datetime.date(2027, 9, 1),
            datetime.date(2029, 3, 31),
            datetime.date(2029, 9, 30),
        ),
    ]


def test_without_the_programme_rule_a_multi_year_project_owes_only_the_final_report():
    application = grant(start=datetime.date(2027, 9, 1), end=datetime.date(2028, 6, 30))
    assert [r.kind for r in reports_schedule(application=application)] == [ReportKind.FINAL]


def test_scheduling_twice_creates_nothing_new():
    application = grant(
        start=datetime.date(2027, 9, 1), end=datetime.date(2028, 6, 30), interim=True
    )
    first = reports_schedule(application=application)
    second = reports_schedule(application=application)
    assert [r.pk for r in first] == [r.pk for r in second]
    assert application.reports.count() == 2
    assert AuditEntry.objects.filter(action="grants.report.created").count() == 2
