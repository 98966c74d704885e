"""The report with bad actual amounts and receipt rows, and imports of garbage files:
refused next to the field (or the import), nothing half-saved."""

import datetime
import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from core.models import AuditEntry
from grants.models import CostActual, IncomeActual, Receipt, Report
from grants.services.report import reports_schedule
from tests.factories import today
from tests.grants.report_factories import FinalApplicationFactory
from tests.security.fuzz import (
    DATES,
    FUZZ,
    NUMBERS,
    assert_answer,
    marked_invalid,
    rolled_back,
)

pytestmark = pytest.mark.django_db

NUMBER_FIELDS = ["costs-amount_{fees}", "income-amount_{own}", "receipts-0-amount"]


@pytest.fixture
def report(organisation, applicant):
    # a project that has ended: its receipts (dated at its start) lie in the past
    application = FinalApplicationFactory(
        organisation=organisation,
        created_by=applicant,
        project_start=today() - datetime.timedelta(days=300),
        project_end=today() - datetime.timedelta(days=30),
    )
    [report] = reports_schedule(application=application)
    return report


def form_data(report, **overrides):
    """The edit form with Sachbericht, actuals and one receipt."""
    application = report.application
    fees, material = application.cost_lines.all()
    own, foundation = application.financing_lines.all()
    data = {
        "work_done": "40 Termine Sprachcafé.",
        "what_worked": "Die Gruppe blieb zusammen.",
        "what_did_not": "Im Sommer kamen weniger.",
        f"costs-amount_{fees.pk}": "9.000,00",
        f"costs-amount_{material.pk}": "750,50",
        f"income-amount_{own.pk}": "1.000,00",
        f"income-amount_{foundation.pk}": "0,00",
        "receipts-TOTAL_FORMS": "1",
        "receipts-INITIAL_FORMS": "0",
        "receipts-0-number": "1",
        "receipts-0-date": application.project_start.isoformat(),
        "receipts-0-payee": "Musikschule Wuppertal",
        "receipts-0-purpose": "Kursleitung",
        "receipts-0-amount": "9.000,00",
        "receipts-0-cost_line": str(fees.pk),
    }
    data.update(overrides)
    return data


def field_name(report, field: str) -> str:
    application = report.application
    fees = application.cost_lines.order_by("pk").first()
    own = application.financing_lines.order_by("pk").first()
    return field.format(fees=fees.pk, own=own.pk)


def state(report):
    def rows(model):
        return [model_to_dict(row) for row in model.objects.filter(report=report)]

    saved = model_to_dict(Report.objects.get(pk=report.pk))
    return (saved, rows(CostActual), rows(IncomeActual), rows(Receipt), AuditEntry.objects.count())


def refused_whole(client, report, field, value):
    edit = reverse("portal:report_edit", args=[report.pk])
    before = state(report)
    response = client.post(edit, form_data(report, **{field: value}))
    assert_answer(response)
    if response.status_code == 400:
        assert marked_invalid(response, field)
        assert state(report) == before


@FUZZ
@given(field=st.sampled_from(NUMBER_FIELDS), value=NUMBERS)
def test_a_bad_actual_or_receipt_amount_is_refused_whole(applicant_client, report, field, value):
    with rolled_back():
        refused_whole(applicant_client, report, field_name(report, field), value)


@FUZZ
@given(value=DATES)
def test_a_bad_receipt_date_is_refused_whole(applicant_client, report, value):
    with rolled_back():
        refused_whole(applicant_client, report, "receipts-0-date", value)


@FUZZ
@given(value=NUMBERS)
def test_a_bad_receipt_number_is_refused_whole(applicant_client, report, value):
    with rolled_back():
        refused_whole(applicant_client, report, "receipts-0-number", value)


def xlsx_bytes(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_with(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


HEADER = ["Datum", "Zahlungsempfänger", "Zweck", "Betrag"]
IMPORT_CASES = [
    b"",
    b"\x00\x01\x02",
    b"PK\x03\x04",
    b"PK\x03\x04" + b"\xff" * 100,
    b"%PDF-1.4\n",
    b"\xff\xfe" + "Datum;Betrag".encode("utf-16-le"),
    b"Datum;Zahlungsempf\xe4nger;Zweck;Betrag\n",
    b'Datum;Zahlungsempf\xc3\xa4nger;Zweck;Betrag\n"01.03.2027;"x;1\n',
    "Datum;Zahlungsempfänger;Zweck;Betrag\n31.02.2027;A;B;1e400\n".encode(),
    "Datum;Zahlungsempfänger;Zweck;Betrag\n2027-13-01;A;B;NaN\n".encode(),
    "Datum,Zahlungsempfänger,Zweck,Betrag\n01.03.2027,A,B,-5\n".encode(),
    ("Datum;Zahlungsempfänger;Zweck;Betrag\n" + "01.03.2027;A;B;1\n" * 1200).encode(),
    ("Datum;Zahlungsempfänger;Zweck;Betrag\n" + ";" * 100_000).encode(),
    zip_with({"[Content_Types].xml": b"<Types/>"}),
    zip_with({"xl/workbook.xml": b"<not-xml"}),
    xlsx_bytes([HEADER, ["31.02.2027", "A", "B", "9" * 40]]),
    xlsx_bytes([HEADER, [float("inf"), "A", "B", float("nan")]]),
    xlsx_bytes([HEADER, [-1, "A", "B", 10**30]]),
    xlsx_bytes([HEADER, ["01.03.2027", "A" * 5000, "B", "1,00"]]),
    xlsx_bytes([["x"] * 40 for _ in range(10)]),
]
IMPORT_FILES = st.one_of(st.sampled_from(IMPORT_CASES), st.binary(max_size=4096))


@FUZZ
@given(content=IMPORT_FILES, name=st.sampled_from(["belege.xlsx", "belege.csv", "belege.pdf"]))
def test_a_garbage_import_leaves_the_belegliste_as_it_was(applicant_client, report, content, name):
    url = reverse("portal:report_receipts_import", args=[report.pk])
    with rolled_back():
        before = state(report)
        response = applicant_client.post(url, {"file": SimpleUploadedFile(name, content)})
        assert_answer(response)
        if response.status_code == 400:
            assert marked_invalid(response, "file")
            assert state(report) == before


def test_a_receipt_number_beyond_what_the_database_stores_is_refused_next_to_the_field(
    applicant_client, report
):
    edit = reverse("portal:report_edit", args=[report.pk])
    before = state(report)
    response = applicant_client.post(edit, form_data(report, **{"receipts-0-number": "2147483648"}))
    assert response.status_code == 400
    assert marked_invalid(response, "receipts-0-number")
    assert state(report) == before
    response = applicant_client.post(edit, form_data(report, **{"receipts-0-number": "2147483647"}))
    assert response.status_code == 302
    assert Receipt.objects.get(report=report).number == 2147483647
