"""Every large export goes to the background: the payment, report and grant lists and the budget
sheet, each with its progress page, its own file name, and only for whom may ask for it."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.test import override_settings

from budgeting.models import LedgerEntryKind, PaymentRequest
from budgeting.services.ledger import ledger_book
from budgeting.services.locks import lock_lines
from tests.budgeting.factories import BudgetLineFactory
from tests.grants.report_factories import ReportFactory
from workflow.models import ExportJob

pytestmark = pytest.mark.django_db


def download(client, job) -> bytes:
    response = client.get(f"/staff/antraege/exporte/{job.pk}/datei/")
    assert response.status_code == 200
    assert f'filename="{job.filename}"' in response["Content-Disposition"]
    return b"".join(response.streaming_content)


@override_settings(EXPORT_SYNC_LIMIT=2)
def test_a_large_payment_export_runs_as_a_job_with_exactly_the_filtered_rows(
    client, staff, draft, applicant
):
    for status in ("requested", "requested", "requested", "released"):
        PaymentRequest.objects.create(
            application=draft,
            amount=Decimal("250.00"),
            needed_within_two_months=True,
            requested_by=applicant,
            status=status,
        )
    client.force_login(staff["finance"])
    response = client.get("/staff/antraege/mittelabrufe/?status=requested&format=csv")
    job = ExportJob.objects.get()
    assert (
        response.status_code == 302 and response["Location"] == f"/staff/antraege/exporte/{job.pk}/"
    )
    assert (job.kind, job.status, job.total) == ("payments", "done", 3)
    assert job.filename.startswith("mittelabrufe-") and job.filename.endswith(".csv")
    page = client.get(response["Location"]).content.decode()
    assert "Export: Mittelabrufe" in page and 'href="/staff/antraege/mittelabrufe/"' in page
    rows = list(csv.reader(io.StringIO(download(client, job).decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 4 and {row[3] for row in rows[1:]} == {"250,00"}


@override_settings(EXPORT_SYNC_LIMIT=1)
def test_a_large_report_export_runs_as_a_job(client, staff, organisation):
    ReportFactory(application__organisation=organisation)
    ReportFactory(application__organisation=organisation)
    client.force_login(staff["caseworker"])
    client.get("/staff/antraege/nachweise/?format=xlsx")
    job = ExportJob.objects.get()
    assert (job.kind, job.total) == ("reports", 2)
    assert openpyxl.load_workbook(io.BytesIO(download(client, job))).active.max_row == 3


@pytest.fixture
def bookings(staff):
    """Three bookings on a line of 2026."""
    line = BudgetLineFactory(year=2026, appropriation=Decimal("50000.00"))
    for amount in ("100.00", "200.00", "300.00"):
        ledger_book(
            line=lock_lines([line.pk])[line.pk],
            application=None,
            kind=LedgerEntryKind.COFUNDING,
            amount=Decimal(amount),
            user=staff["finance"],
            note="Eingang",
        )
    return line


@override_settings(EXPORT_SYNC_LIMIT=2)
def test_a_large_budget_sheet_is_written_in_the_background(client, staff, bookings):
    client.force_login(staff["finance"])
    response = client.get("/staff/finanzen/haushalt.xlsx?year=2026")
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert (job.kind, job.filename, job.total, job.done) == (
        "budget_sheet",
        "haushalt-2026.xlsx",
        3,
        3,
    )
    page = client.get(response["Location"]).content.decode()
    assert "Export: Haushaltsübersicht" in page and 'href="/staff/finanzen/"' in page
    book = openpyxl.load_workbook(io.BytesIO(download(client, job)))
    assert book.sheetnames == ["Übersicht", "Haushaltsstellen", "Bewilligungen", "Buchungen"]
    assert [row[4] for row in book["Buchungen"].iter_rows(min_row=2, values_only=True)] == [
        100,
        200,
        300,
    ]


def test_a_small_budget_sheet_comes_at_once(client, staff, bookings):
    client.force_login(staff["finance"])
    response = client.get("/staff/finanzen/haushalt.xlsx?year=2026")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="haushalt-2026.xlsx"'
    assert not ExportJob.objects.exists()


def test_the_budget_sheet_is_for_finance_only(client, staff, bookings):
    client.force_login(staff["caseworker"])
    assert client.get("/staff/finanzen/haushalt.xlsx?year=2026").status_code == 403
    client.force_login(staff["finance"])
    assert client.get("/staff/finanzen/haushalt.xlsx?cofunder=999999").status_code == 404
    assert not ExportJob.objects.exists()
