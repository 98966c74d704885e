"""The payout file pays each payout to the account stored at its release, and a bad record never
spoils the SEPA file for the others."""

import csv
import datetime
import io
import xml.etree.ElementTree as ET
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.bank import bank_account_change_confirm, bank_account_submit
from applicants.models import BankAccount, ConfirmationVia
from budgeting.exports import payout_file
from budgeting.exports.payout_file import (
    payout_file_csv,
    payout_file_sepa,
    payout_file_xlsx,
    payout_rows,
)
from budgeting.models import PaymentRequest, PaymentRequestStatus
from budgeting.services import budget_commit
from budgeting.services.payout import payment_release
from core.roles import FINANCE
from grants.models import ApplicationStatus
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.factories import ApplicationFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.workflow.conftest import staff_member

pytestmark = pytest.mark.django_db

OLD_IBAN = "DE89370400440532013000"  # Commerzbank, the factories' account
NEW_IBAN = "DE02500105170137075030"  # ING-DiBa
SEPA_NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09"}
EXECUTION = datetime.date(2026, 12, 15)


def today() -> datetime.date:
    return timezone.localdate()


def period() -> dict:
    return {"date_from": today(), "date_to": today()}


def final_grant(reference, organisation, amount="5000.00"):
    user = UserFactory()
    application = ApplicationFactory(
        organisation=organisation, status=ApplicationStatus.FINAL, reference=reference
    )
    line = BudgetLineFactory(programme=application.call.programme, year=today().year)
    BudgetAllocationFactory(
        application=application, budget_line=line, amount=Decimal(amount), planned_by=user
    )
    budget_commit(application=application, amount=Decimal(amount), user=user)
    return application


def release(application, amount="1000.00"):
    """A request signed off by three people and released today through the real service."""
    factual, arithmetic = UserFactory(), UserFactory()
    request = PaymentRequest.objects.create(
        application=application,
        amount=Decimal(amount),
        needed_within_two_months=True,
        requested_by=factual,
        status=PaymentRequestStatus.ARITHMETIC_OK,
        factual_by=factual,
        arithmetic_by=arithmetic,
    )
    return payment_release(request=request, user=UserFactory(), payout_date=today())


def change_account(organisation, *, confirm=True):
    """The applicant enters a new IBAN; a second administrator confirms it."""
    requester = MembershipFactory(organisation=organisation, role="admin").user
    change = bank_account_submit(
        organisation=organisation, user=requester, holder="Neuer Inhaber e. V.", iban=NEW_IBAN
    )
    if confirm:
        co_admin = MembershipFactory(organisation=organisation, role="admin").user
        bank_account_change_confirm(change=change, user=co_admin, via=ConfirmationVia.CO_ADMIN)
    return change


def sepa_creditors(xml: bytes) -> list[tuple[str, str, str]]:
    root = ET.fromstring(xml)  # noqa: S314 – our own file, not untrusted input
    return [
        (
            transfer.findtext("p:Cdtr/p:Nm", namespaces=SEPA_NS),
            transfer.findtext("p:CdtrAcct/p:Id/p:IBAN", namespaces=SEPA_NS),
            transfer.findtext("p:Amt/p:InstdAmt", namespaces=SEPA_NS),
        )
        for transfer in root.findall(".//p:CdtTrfTxInf", SEPA_NS)
    ]


@pytest.fixture
def organisation(db):
    return OrganisationFactory(name="Kulturverein Brücke Süd e. V.")


@pytest.fixture
def released(organisation):
    return release(final_grant("ZI-2026-0101", organisation), "1000.00")


def test_the_release_stores_the_account_as_it_stands(released):
    assert released.payee_iban == OLD_IBAN
    assert released.payee_holder == "Kulturverein Brücke Süd e. V."


def test_an_iban_change_after_release_leaves_the_payout_file_unchanged(organisation, released):
    change_account(organisation)
    assert BankAccount.objects.get(organisation=organisation).iban == NEW_IBAN

    rows = payout_rows(**period())

    assert [(row.iban, row.holder) for row in rows] == [(OLD_IBAN, "Kulturverein Brücke Süd e. V.")]
    sheet = openpyxl.load_workbook(io.BytesIO(payout_file_xlsx(rows)))["Auszahlungen"]
    assert sheet["D2"].value == OLD_IBAN
    lines = list(
        csv.reader(io.StringIO(payout_file_csv(rows).removeprefix("\ufeff")), delimiter=";")
    )
    assert lines[1][3] == OLD_IBAN
    sepa = payout_file_sepa(rows, execution_date=EXECUTION)
    assert sepa_creditors(sepa.xml) == [("Kulturverein Bruecke Sued e. V.", OLD_IBAN, "1000.00")]
    assert NEW_IBAN.encode() not in sepa.xml and sepa.skipped == []


def test_after_confirmation_new_payouts_use_the_new_account(organisation, released):
    change_account(organisation)

    later = release(released.application, "500.00")

    assert (later.payee_iban, later.payee_holder) == (NEW_IBAN, "Neuer Inhaber e. V.")
    assert [row.iban for row in payout_rows(**period())] == [OLD_IBAN, NEW_IBAN]


def test_a_change_waiting_for_confirmation_is_never_paid_to(organisation):
    application = final_grant("ZI-2026-0102", organisation)
    change_account(organisation, confirm=False)

    request = release(application)

    assert request.payee_iban == OLD_IBAN
    assert [row.iban for row in payout_rows(**period())] == [OLD_IBAN]


def test_a_release_without_stored_account_falls_back_to_the_confirmed_one_only(
    organisation, released
):
    PaymentRequest.objects.filter(pk=released.pk).update(
        payee_holder="", payee_iban="", payee_bic=""
    )
    change_account(organisation, confirm=False)

    (row,) = payout_rows(**period())

    assert (row.iban, row.holder) == (OLD_IBAN, "Kulturverein Brücke Süd e. V.")


# A bad record is left out and named ------------------------------------------------------------


@pytest.fixture
def mixed(organisation, released):
    """Four payouts of 1,000.00 €, 200.00 €, 300.00 €, 400.00 €: the first good, then one
    without an IBAN, one with an invalid IBAN, one whose holder has no Latin letter; and a fifth
    of 50.00 € whose holder was stored with a control character before the input was cleaned."""
    stored = {}
    for number, (amount, holder, iban) in enumerate(
        [
            ("200.00", "Ohne Konto e. V.", ""),
            ("300.00", "Falsche IBAN e. V.", "DE00123456780532013000"),
            ("400.00", "جمعية الجسر", OLD_IBAN),
            ("50.00", "Verein\x07", OLD_IBAN),
        ],
        start=2,
    ):
        other = OrganisationFactory(name=f"Verein {number} e. V.", bank_account=None)
        BankAccount.objects.create(organisation=other, holder="Platzhalter", iban=OLD_IBAN)
        request = release(final_grant(f"ZI-2026-010{number}", other, "1000.00"), amount)
        PaymentRequest.objects.filter(pk=request.pk).update(payee_holder=holder, payee_iban=iban)
        if not iban:
            BankAccount.objects.filter(organisation=other).delete()
        stored[amount] = request
    return {"good": released, **stored}


def test_a_sepa_file_with_bad_records_still_pays_the_others_and_names_the_bad_ones(mixed):
    sepa = payout_file_sepa(payout_rows(**period()), execution_date=EXECUTION)

    assert sepa_creditors(sepa.xml) == [
        ("Kulturverein Bruecke Sued e. V.", OLD_IBAN, "1000.00"),
        ("Verein", OLD_IBAN, "50.00"),
    ]
    assert b"\x07" not in sepa.xml
    assert sepa.skipped == [
        (f"ZI-2026-0102, Mittelabruf {mixed['200.00'].pk}", "keine Bankverbindung gespeichert"),
        (
            f"ZI-2026-0103, Mittelabruf {mixed['300.00'].pk}",
            "die IBAN DE00123456780532013000 ist ungültig",
        ),
        (
            f"ZI-2026-0104, Mittelabruf {mixed['400.00'].pk}",
            "der Kontoinhaber fehlt oder hat keine lateinischen Buchstaben",
        ),
    ]


def test_a_record_the_schema_refuses_is_found_and_left_out(mixed, monkeypatch):
    prepare = payout_file._payment

    def with_a_bad_one(parts, execution_date):
        payment, reason = prepare(parts, execution_date)
        if payment and parts[0].reference == "ZI-2026-0105":
            payment["amount"] = 10**20  # more digits than the schema allows
        return payment, reason

    monkeypatch.setattr(payout_file, "_payment", with_a_bad_one)

    sepa = payout_file_sepa(payout_rows(**period()), execution_date=EXECUTION)

    assert [iban for _name, iban, _amount in sepa_creditors(sepa.xml)] == [OLD_IBAN]
    assert sepa.skipped[-1] == (
        f"ZI-2026-0105, Mittelabruf {mixed['50.00'].pk}",
        "die Bank-Schemaprüfung lehnt die Angaben ab",
    )


def test_when_every_record_is_bad_there_is_no_file(organisation, released):
    PaymentRequest.objects.filter(pk=released.pk).update(payee_iban="XX")

    sepa = payout_file_sepa(payout_rows(**period()), execution_date=EXECUTION)

    assert sepa.xml is None
    assert sepa.skipped == [
        (f"ZI-2026-0101, Mittelabruf {released.pk}", "die IBAN XX ist ungültig")
    ]


def test_spreadsheets_keep_every_row_even_the_bad_ones(mixed):
    rows = payout_rows(**period())

    sheet = openpyxl.load_workbook(io.BytesIO(payout_file_xlsx(rows)))["Auszahlungen"]
    assert [sheet[f"F{row}"].value for row in range(2, 7)] == [1000, 200, 300, 400, 50]
    assert len(payout_file_csv(rows).splitlines()) == 6


# The page that offers the file -------------------------------------------------------------------


def download(client, **extra):
    query = {
        "von": today().isoformat(),
        "bis": today().isoformat(),
        "format": "sepa",
        "ausfuehrungsdatum": (today() + datetime.timedelta(days=2)).isoformat(),
        "download": "1",
        **extra,
    }
    return client.get(reverse("antraege:payout_file"), query)


def test_the_page_names_the_left_out_payouts_before_it_gives_the_file(client, mixed):
    client.force_login(staff_member(FINANCE))

    response = download(client)

    assert response.status_code == 200
    content = response.content.decode()
    assert "3 Auszahlungen können nicht in die SEPA-Datei" in content
    assert f"ZI-2026-0103, Mittelabruf {mixed['300.00'].pk}: die IBAN" in content
    assert "SEPA-Datei ohne diese Auszahlungen herunterladen" in content
    link = response.context["download_without_skipped"]

    response = client.get(reverse("antraege:payout_file") + "?" + link)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert b"<NbOfTxs>2</NbOfTxs>" in response.content


def test_a_confirmation_for_other_left_out_payouts_gives_no_file(client, mixed):
    client.force_login(staff_member(FINANCE))

    response = download(client, ohne="0123456789abcdef")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")


def test_the_page_says_so_when_no_payout_can_go_into_the_file(client, released):
    PaymentRequest.objects.filter(pk=released.pk).update(payee_iban="")
    BankAccount.objects.all().delete()
    client.force_login(staff_member(FINANCE))

    response = download(client)

    assert response.status_code == 400
    content = response.content.decode()
    assert "Keine der Auszahlungen kann in die SEPA-Datei." in content
    assert f"ZI-2026-0101, Mittelabruf {released.pk}: keine Bankverbindung gespeichert" in content
    assert "ohne diese Auszahlungen herunterladen" not in content
