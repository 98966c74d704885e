"""The staff application list exports exactly what the filter shows, as typed XLSX or safe CSV;
large exports run as a background job that only its owner sees."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from grants.models import Application
from tests.factories import ApplicationFactory, CallFactory
from workflow.models import ExportJob

pytestmark = pytest.mark.django_db
URL = "/staff/antraege/export/"
SUBMITTED_AT = timezone.make_aware(datetime.datetime(2026, 3, 2, 10, 30))


def submitted(count, *, organisation, applicant, call, title="Fall {number}"):
    """Applications in status submitted, made quickly (no flow, one update each)."""
    applications = []
    for _number in range(count):
        application = ApplicationFactory(
            organisation=organisation, created_by=applicant, call=call, plan=False
        )
        Application.objects.filter(pk=application.pk).update(
            status="submitted",
            reference=f"ZI-2026-{application.pk:04d}",
            title=title.format(number=application.pk),
            submitted_at=SUBMITTED_AT,
        )
        applications.append(Application.objects.get(pk=application.pk))
    return applications


def workbook(content: bytes):
    return openpyxl.load_workbook(io.BytesIO(content)).active


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def caseworker_client(client, staff):
    client.force_login(staff["caseworker"])
    return client


def test_the_export_holds_exactly_the_filtered_rows(
    caseworker_client, organisation, applicant, call
):
    wanted = submitted(3, organisation=organisation, applicant=applicant, call=call)
    other = submitted(2, organisation=organisation, applicant=applicant, call=CallFactory())
    query = f"programme={call.programme_id}"
    page = caseworker_client.get(f"/staff/antraege/?{query}").content.decode()
    listed = {a.reference for a in wanted + other if a.reference in page}
    assert listed == {a.reference for a in wanted}

    response = caseworker_client.get(f"{URL}?{query}&format=xlsx")
    assert response.status_code == 200
    filename = f"antraege-{timezone.localdate():%Y-%m-%d}.xlsx"
    assert response["Content-Disposition"] == f'attachment; filename="{filename}"'
    sheet = workbook(response.content)
    assert {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)} == listed

    rows = csv_rows(caseworker_client.get(f"{URL}?{query}&format=csv").content)
    assert {row[0] for row in rows[1:]} == listed


def test_xlsx_cells_are_typed_and_the_header_is_bold_frozen_and_filtered(
    caseworker_client, organisation, applicant, call
):
    (application,) = submitted(1, organisation=organisation, applicant=applicant, call=call)
    sheet = workbook(caseworker_client.get(f"{URL}?format=xlsx").content)
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Aktenzeichen", "Projekt", "Organisation"]
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:H2"
    amount, day = sheet.cell(2, 6), sheet.cell(2, 7)
    assert amount.data_type == "n" and amount.value == 8000
    assert amount.number_format == '#,##0.00 "€"'
    assert amount.is_date is False
    assert day.is_date and day.value.date() == datetime.date(2026, 3, 2)
    assert sheet.cell(2, 5).value == application.get_status_display()
    assert sheet.cell(2, 8).value == ", ".join(d.name for d in application.districts.all())


def test_a_formula_like_title_stays_text(caseworker_client, organisation, applicant, call):
    title = '=HYPERLINK("http://evil.example","klick")'
    submitted(1, organisation=organisation, applicant=applicant, call=call, title=title)
    cell = workbook(caseworker_client.get(f"{URL}?format=xlsx").content).cell(2, 2)
    assert (cell.data_type, cell.value) == ("s", title)
    rows = csv_rows(caseworker_client.get(f"{URL}?format=csv").content)
    assert rows[1][1] == "'" + title


def test_csv_reads_back_with_german_numbers_and_dates(
    caseworker_client, organisation, applicant, call
):
    (application,) = submitted(1, organisation=organisation, applicant=applicant, call=call)
    response = caseworker_client.get(f"{URL}?format=csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    header, row = csv_rows(response.content)
    assert header == [
        "Aktenzeichen",
        "Projekt",
        "Organisation",
        "Förderprogramm",
        "Stand",
        "beantragt",
        "eingereicht",
        "Stadtbezirke",
    ]
    assert row[0] == application.reference
    assert row[2] == organisation.name
    assert row[5:7] == ["8000,00", "02.03.2026"]


def test_the_export_runs_the_same_queries_for_1_and_30_applications(
    caseworker_client, organisation, applicant, call
):
    def count(file_format):
        with CaptureQueriesContext(connection) as captured:
            response = caseworker_client.get(f"{URL}?status=submitted&format={file_format}")
        assert response.status_code == 200
        return len(captured)

    submitted(1, organisation=organisation, applicant=applicant, call=call)
    one = count("xlsx"), count("csv")
    submitted(29, organisation=organisation, applicant=applicant, call=CallFactory())
    assert (count("xlsx"), count("csv")) == one


@override_settings(EXPORT_SYNC_LIMIT=2)
@pytest.mark.parametrize("file_format", ["xlsx", "csv"])
def test_above_the_limit_a_job_exports_with_progress(
    caseworker_client, organisation, applicant, call, file_format
):
    submitted(3, organisation=organisation, applicant=applicant, call=call)
    response = caseworker_client.get(f"{URL}?status=submitted&format={file_format}")
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/antraege/exporte/{job.pk}/"
    assert (job.status, job.total, job.done) == ("done", 3, 3)
    assert job.params["status"] == ["submitted"]
    page = caseworker_client.get(response["Location"]).content.decode()
    assert '<progress id="export-progress" value="3" max="3">' in page
    assert 'aria-live="polite"' in page
    assert 'http-equiv="refresh"' not in page  # finished: no more refreshing
    download = f"/staff/antraege/exporte/{job.pk}/datei/"
    assert download in page
    response = caseworker_client.get(download)
    assert response.status_code == 200
    assert (
        f"antraege-{timezone.localdate():%Y-%m-%d}.{file_format}" in response["Content-Disposition"]
    )
    content = b"".join(response.streaming_content)
    if file_format == "xlsx":
        assert workbook(content).max_row == 4
    else:
        assert len(csv_rows(content)) == 4


def test_a_running_job_refreshes_itself(caseworker_client, staff):
    job = ExportJob.objects.create(
        user=staff["caseworker"], kind="applications", status="running", total=1000, done=500
    )
    page = caseworker_client.get(f"/staff/antraege/exporte/{job.pk}/").content.decode()
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'value="500" max="1000"' in page
    assert caseworker_client.get(f"/staff/antraege/exporte/{job.pk}/datei/").status_code == 404


@override_settings(EXPORT_SYNC_LIMIT=0)
def test_only_the_owner_sees_the_job_and_its_file(client, staff, organisation, applicant, call):
    submitted(1, organisation=organisation, applicant=applicant, call=call)
    client.force_login(staff["caseworker"])
    client.get(f"{URL}?format=xlsx")
    job = ExportJob.objects.get()
    response = client.get(f"/staff/antraege/exporte/{job.pk}/datei/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"PK")
    client.force_login(staff["finance"])
    assert client.get(f"/staff/antraege/exporte/{job.pk}/").status_code == 404
    assert client.get(f"/staff/antraege/exporte/{job.pk}/datei/").status_code == 404


def test_applicants_may_not_export(applicant_client, organisation, applicant, call):
    submitted(1, organisation=organisation, applicant=applicant, call=call)
    assert applicant_client.get(f"{URL}?format=csv").status_code == 403


def test_an_unknown_format_is_not_found(caseworker_client):
    assert caseworker_client.get(f"{URL}?format=pdf").status_code == 404


def test_the_list_links_to_both_exports_with_its_filter(caseworker_client):
    page = caseworker_client.get("/staff/antraege/?status=submitted&page=2").content.decode()
    assert f'href="{URL}?status=submitted&amp;format=xlsx"' in page
    assert f'href="{URL}?status=submitted&amp;format=csv"' in page
