"""Auszahlungsdatei for the cash office: XLSX and CSV with the booking fields, SEPA pain.001."""

import csv
import datetime
import io
import pathlib
import xml.etree.ElementTree as ET
from decimal import Decimal

import openpyxl
import pytest
import sepaxml
import xmlschema
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from budgeting.exports.payout_file import (
    _safe_text,
    payout_file_csv,
    payout_file_sepa,
    payout_file_xlsx,
    payout_rows,
)
from budgeting.models import FundingSourceKind, PaymentRequest, PaymentRequestStatus
from budgeting.services import budget_commit
from budgeting.services.payout import payment_release
from core.roles import CASEWORKER, FINANCE
from grants.models import ApplicationStatus
from tests.budgeting.factories import (
    BudgetAllocationFactory,
    BudgetLineFactory,
    FundingSourceFactory,
)
from tests.clock import freeze_today
from tests.factories import ApplicationFactory, OrganisationFactory, UserFactory
from tests.workflow.conftest import staff_member

pytestmark = pytest.mark.django_db

NOVEMBER = {"date_from": datetime.date(2026, 11, 1), "date_to": datetime.date(2026, 11, 30)}
INJECTION = '=HYPERLINK("http://example.org","Klick")'
SEPA_NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"}
XSD = pathlib.Path(sepaxml.__file__).parent / "schemas" / "pain.001.001.09.xsd"


def final_grant(reference, organisation, lines):
    """A final grant whose amounts are committed on the given (line, amount) pairs."""
    user = UserFactory()
    application = ApplicationFactory(
        organisation=organisation, status=ApplicationStatus.FINAL, reference=reference
    )
    for line, amount in lines:
        BudgetAllocationFactory(
            application=application, budget_line=line, amount=Decimal(amount), planned_by=user
        )
    total = sum(Decimal(amount) for _line, amount in lines)
    budget_commit(application=application, amount=total, user=user)
    return application


def release(application, amount, payout_date):
    """A payment request signed off by three people and released through the real service."""
    factual, arithmetic, releaser = UserFactory(), UserFactory(), UserFactory()
    request = PaymentRequest.objects.create(
        application=application,
        amount=Decimal(amount),
        needed_within_two_months=True,
        requested_by=factual,
        status=PaymentRequestStatus.ARITHMETIC_OK,
        factual_by=factual,
        arithmetic_by=arithmetic,
    )
    with pytest.MonkeyPatch.context() as patch:
        freeze_today(patch, payout_date)  # released that day: the date lies in the window
        return payment_release(request=request, user=releaser, payout_date=payout_date)


@pytest.fixture
def payouts(programme):
    """3,000.00 € split over a city and a Land line on 3 November, 1,234.56 € on 10 November
    to an organisation whose name looks like a formula; one payout in December, one open."""
    city = BudgetLineFactory(programme=programme, kostenstelle="20500", sachkonto="531800")
    land = BudgetLineFactory(
        programme=programme,
        source=FundingSourceFactory(name="Land NRW", kind=FundingSourceKind.LAND),
        kostenstelle="20521",
        sachkonto="531810",
    )
    umlauts = OrganisationFactory(name="Kulturverein Brücke Süd e. V.")
    tricky = OrganisationFactory(name=INJECTION)
    split = final_grant("ZI-2026-0001", umlauts, [(city, "5000.00"), (land, "3000.00")])
    single = final_grant("ZI-2026-0002", tricky, [(city, "2000.00")])
    first = release(split, "3000.00", datetime.date(2026, 11, 3))
    second = release(single, "1234.56", datetime.date(2026, 11, 10))
    release(single, "100.00", datetime.date(2026, 12, 1))
    PaymentRequest.objects.create(  # still open: not in the file
        application=split,
        amount=Decimal("50.00"),
        needed_within_two_months=True,
        requested_by=UserFactory(),
    )
    return {"split": first, "single": second}


def test_rows_one_per_ledger_entry_in_payout_order(payouts, django_assert_num_queries):
    with django_assert_num_queries(2):
        rows = payout_rows(**NOVEMBER)
    first, second = payouts["split"], payouts["single"]
    assert [(r.reference, r.amount, r.sachkonto, r.kostenstelle) for r in rows] == [
        ("ZI-2026-0001", Decimal("1875.00"), "531800", "20500"),
        ("ZI-2026-0001", Decimal("1125.00"), "531810", "20521"),
        ("ZI-2026-0002", Decimal("1234.56"), "531800", "20500"),
    ]
    assert rows[0].purpose == f"Zuwendung ZI-2026-0001 Mittelabruf {first.pk}"
    assert rows[2].purpose == f"Zuwendung ZI-2026-0002 Mittelabruf {second.pk}"
    assert rows[0].organisation == "Kulturverein Brücke Süd e. V."
    assert rows[0].iban == "DE89370400440532013000" and rows[0].bic == ""
    assert rows[2].payout_date == datetime.date(2026, 11, 10)


def test_xlsx_has_dates_numbers_a_live_total_and_text_stays_text(payouts):
    book = openpyxl.load_workbook(io.BytesIO(payout_file_xlsx(payout_rows(**NOVEMBER))))
    sheet = book["Auszahlungen"]
    assert [cell.value for cell in sheet[1]] == [
        "Auszahlungstag",
        "Aktenzeichen",
        "Zahlungsempfänger",
        "IBAN",
        "BIC",
        "Betrag",
        "Verwendungszweck",
        "Sachkonto",
        "Kostenstelle",
    ]
    assert sheet["A2"].value == datetime.datetime(2026, 11, 3)
    assert sheet["A2"].is_date and sheet["A2"].number_format == "dd.mm.yyyy"
    assert [sheet[f"F{row}"].value for row in (2, 3, 4)] == [1875, 1125, 1234.56]
    assert sheet["F2"].data_type == "n"
    assert sheet["F2"].number_format == '#,##0.00 "€"'
    assert sheet["C4"].value == INJECTION and sheet["C4"].data_type == "s"
    assert sheet["H3"].value == "531810" and sheet["I3"].value == "20521"
    assert sheet["A5"].value == "Summe"
    assert sheet["F5"].value == "=SUM(F2:F4)"
    assert sheet["F5"].number_format == '#,##0.00 "€"'
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:I4"


def test_csv_is_semicolon_separated_with_german_amounts_and_no_formulas(payouts):
    text = payout_file_csv(payout_rows(**NOVEMBER))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    assert rows[0][:3] == ["Auszahlungstag", "Aktenzeichen", "Zahlungsempfänger"]
    assert [row[5] for row in rows[1:]] == ["1875,00", "1125,00", "1234,56"]
    assert rows[1][0] == "03.11.2026" and rows[1][7:] == ["531800", "20500"]
    assert rows[3][2] == "'" + INJECTION
    assert rows[1][2] == "Kulturverein Brücke Süd e. V."
    assert len(rows) == 4


def test_csv_prefixes_every_formula_start():
    for start in ("=", "+", "-", "@", "\t", "\r"):
        assert _safe_text(f"{start}1+1") == f"'{start}1+1"
    assert _safe_text("Verein 1+1") == "Verein 1+1"


def test_sepa_file_validates_with_one_transfer_per_request(payouts, settings):
    settings.CASH_OFFICE_ACCOUNT = {
        "holder": "Stadtkasse Wuppertal",
        "iban": "DE08 3305 0000 0001 0000 09",
        "bank": "Stadtsparkasse Wuppertal",
    }
    execution = datetime.date(2026, 12, 2)
    sepa = payout_file_sepa(payout_rows(**NOVEMBER), execution_date=execution)
    assert sepa.skipped == []
    xml = sepa.xml
    xmlschema.XMLSchema(str(XSD)).validate(xml.decode())  # independent of sepaxml's own check
    root = ET.fromstring(xml)  # noqa: S314 – our own file, not untrusted input
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:NbOfTxs", namespaces=SEPA_NS) == "2"
    assert root.findtext("p:CstmrCdtTrfInitn/p:GrpHdr/p:CtrlSum", namespaces=SEPA_NS) == "4234.56"
    debtor = root.find(".//p:DbtrAcct/p:Id/p:IBAN", SEPA_NS)
    assert debtor.text == "DE08330500000001000009"
    transfers = root.findall(".//p:CdtTrfTxInf", SEPA_NS)
    amounts = [t.findtext("p:Amt/p:InstdAmt", namespaces=SEPA_NS) for t in transfers]
    assert amounts == ["3000.00", "1234.56"]
    first = transfers[0]
    # umlauts spelled out the German way (core.sepa.sepa_ascii), not dropped to "Brucke Sud"
    assert first.findtext("p:Cdtr/p:Nm", namespaces=SEPA_NS) == "Kulturverein Bruecke Sued e. V."
    assert first.findtext("p:PmtId/p:EndToEndId", namespaces=SEPA_NS) == (
        f"ZI-2026-0001-{payouts['split'].pk}"
    )
    assert first.findtext("p:RmtInf/p:Ustrd", namespaces=SEPA_NS) == (
        f"Zuwendung ZI-2026-0001 Mittelabruf {payouts['split'].pk}"
    )
    assert root.findtext(".//p:ReqdExctnDt/p:Dt", namespaces=SEPA_NS) == "2026-12-02"
    assert "ü" not in xml.decode()


def test_no_rows_no_sepa_file(db):
    assert payout_rows(**NOVEMBER) == []
    with pytest.raises(ValidationError, match="keine Auszahlungen"):
        payout_file_sepa([], execution_date=datetime.date(2026, 12, 2))


# The view (Finanzen only) -------------------------------------------------------------------

URL = "antraege:payout_file"


def download(client, fmt, **extra):
    query = {"von": "2026-11-01", "bis": "2026-11-30", "format": fmt, "download": "1", **extra}
    return client.get(reverse(URL), query)


def test_only_finance_may_download(client, payouts):
    response = client.get(reverse(URL))
    assert response.status_code == 302 and "/anmelden/" in response["Location"]
    client.force_login(staff_member(CASEWORKER))
    assert client.get(reverse(URL)).status_code == 403
    assert download(client, "xlsx").status_code == 403


def test_finance_downloads_each_format(client, payouts):
    client.force_login(staff_member(FINANCE))
    page = client.get(reverse(URL))
    assert page.status_code == 200
    assert "Auszahlungsdatei für die Stadtkasse" in page.content.decode()

    response = download(client, "xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="auszahlungen-2026-11-01-2026-11-30.xlsx"'
    )
    assert openpyxl.load_workbook(io.BytesIO(response.content))["Auszahlungen"]["F5"].value

    response = download(client, "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('-2026-11-30.csv"')
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert "1234,56" in response.content.decode("utf-8-sig")

    execution = (timezone.localdate() + datetime.timedelta(days=2)).isoformat()
    response = download(client, "sepa", ausfuehrungsdatum=execution)
    assert response.status_code == 200, response.content.decode()[:2000]
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"].endswith('-2026-11-30.xml"')
    assert b"<CtrlSum>4234.56</CtrlSum>" in response.content


def test_the_form_explains_what_is_missing(client, db):
    client.force_login(staff_member(FINANCE))
    response = download(client, "sepa")
    assert response.status_code == 400
    assert "Für die SEPA-Datei ist ein Ausführungsdatum nötig." in response.content.decode()
    response = download(client, "xlsx")
    assert response.status_code == 400
    assert "Im gewählten Zeitraum gibt es keine Auszahlungen." in response.content.decode()
    response = download(client, "csv", von="2026-12-01")
    assert "Das Ende des Zeitraums liegt vor seinem Anfang." in response.content.decode()
