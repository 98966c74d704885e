"""The payment and report lists: filters, exports of exactly the filtered rows, queries."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgeting.models import PaymentRequest
from tests.grants.report_factories import ReportFactory

pytestmark = pytest.mark.django_db


def payment_requests(count, application, user, status="requested"):
    for number in range(count):
        PaymentRequest.objects.create(
            application=application,
            amount=Decimal("100.00") + number,
            needed_within_two_months=True,
            requested_by=user,
            status=status,
        )


def test_the_payment_list_filters_and_exports_exactly_what_it_shows(
    client, staff, draft, applicant
):
    payment_requests(3, draft, applicant)
    payment_requests(2, draft, applicant, status="released")
    client.force_login(staff["finance"])
    page = client.get("/staff/antraege/mittelabrufe/?status=released").content.decode()
    assert "Mittelabrufe (2)" in page
    book = openpyxl.load_workbook(
        io.BytesIO(client.get("/staff/antraege/mittelabrufe/?status=released&format=xlsx").content)
    )
    sheet = book.active
    assert sheet.max_row == 3  # header + 2
    assert sheet["D2"].value in (100, 101)
    rows = list(
        csv.reader(
            io.StringIO(
                client.get("/staff/antraege/mittelabrufe/?format=csv").content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert len(rows) == 6 and rows[1][3] in {"100,00", "101,00", "102,00"}


def test_the_report_list_filters_by_due_date_with_the_same_queries(client, staff, organisation):
    client.force_login(staff["caseworker"])
    counts = []
    for total in (1, 20):
        while ReportFactory._meta.model.objects.count() < total:
            report = ReportFactory(application__organisation=organisation)
            report.due_on = datetime.date(2027, 3, 1)
            report.save()
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/staff/antraege/nachweise/?due_to=2027-12-31").content.decode()
        assert f"Nachweise ({total})" in page
        counts.append(len(captured))
    assert counts[0] == counts[1]
    empty = client.get("/staff/antraege/nachweise/?due_to=2026-01-01").content.decode()
    assert "Nachweise (0)" in empty


def test_applicants_reach_neither_list(client, applicant):
    client.force_login(applicant)
    assert client.get("/staff/antraege/mittelabrufe/").status_code == 403
    assert client.get("/staff/antraege/nachweise/?format=csv").status_code == 403


def test_the_payment_list_runs_the_same_queries_for_1_and_20_requests(
    client, staff, draft, applicant
):
    client.force_login(staff["finance"])
    counts = []
    for total in (1, 20):
        payment_requests(total - PaymentRequest.objects.count(), draft, applicant)
        with CaptureQueriesContext(connection) as captured:
            page = client.get("/staff/antraege/mittelabrufe/").content.decode()
        assert f"Mittelabrufe ({total})" in page
        counts.append(len(captured))
    assert counts[0] == counts[1]
