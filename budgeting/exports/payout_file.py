"""Auszahlungsdatei for the city's cash office (Stadtkasse): the released payouts of a period
as a spreadsheet (XLSX, CSV) with the booking fields, or as a SEPA credit transfer
(pain.001.001.09).

A payout split over several budget lines is one row per ledger entry in XLSX and CSV, so the
cash office can book each line; in SEPA the rows of one payment request are one transfer.
Each payout is paid to the account stored with it at its release, never to the organisation's
account as it is now (DOMAIN.md, bank details).
"""

import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from xml.parsers.expat import ExpatError

import xlsxwriter
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db.models import Prefetch
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException
from sepaxml import SepaTransfer
from sepaxml.validation import ValidationError as SepaSchemaError

from budgeting.models import LedgerEntry, LedgerEntryKind, PaymentRequest, PaymentRequestStatus
from core.exports import Export, safe_text, write_csv
from core.sepa import sepa_ascii, sepa_text

SHEET_NAME = "Auszahlungen"
SEPA_SCHEMA = "pain.001.001.09"
ENDTOEND_MAX = 35
REMITTANCE_MAX = 140
NAME_MAX = 70
SCHEMA_ERRORS = (SepaSchemaError, ExpatError, ValueError)


@dataclass(frozen=True)
class PayoutRow:
    payment_request_id: int
    payout_date: datetime.date
    reference: str
    organisation: str
    holder: str
    iban: str
    bic: str
    amount: Decimal
    purpose: str
    sachkonto: str
    kostenstelle: str


def headers() -> list[str]:
    return [
        _("Auszahlungstag"),
        _("Aktenzeichen"),
        _("Zahlungsempfänger"),
        _("IBAN"),
        _("BIC"),
        _("Betrag"),
        _("Verwendungszweck"),
        _("Sachkonto"),
        _("Kostenstelle"),
    ]


def payout_rows(*, date_from: datetime.date, date_to: datetime.date) -> list[PayoutRow]:
    """One row per payout ledger entry of the requests released with a payout date in the
    period (both days included), ordered by payout date, reference and request."""
    entries = (
        LedgerEntry.objects.filter(kind=LedgerEntryKind.PAYOUT)
        .select_related("budget_line")
        .order_by("budget_line__sachkonto", "budget_line__kostenstelle", "pk")
    )
    requests = (
        PaymentRequest.objects.filter(
            status=PaymentRequestStatus.RELEASED, payout_date__range=(date_from, date_to)
        )
        .select_related("application__organisation__bank_account")
        .prefetch_related(Prefetch("ledger_entries", queryset=entries, to_attr="payout_entries"))
        .order_by("payout_date", "application__reference", "pk")
    )
    rows = []
    for request in requests:
        application = request.application
        organisation = application.organisation
        holder, iban, bic = request.payee_holder, request.payee_iban, request.payee_bic
        if not iban:
            # Released before the account was stored with each payout (and not filled by the
            # migration): the organisation's confirmed account is the only fallback. A change
            # waiting for confirmation is never read here.
            try:
                account = organisation.bank_account
            except ObjectDoesNotExist:
                account = None
            holder = account.holder if account else ""
            iban = account.iban if account else ""
            bic = account.bic if account else ""
        purpose = _("Zuwendung %(reference)s Mittelabruf %(pk)s") % {
            "reference": application.reference,
            "pk": request.pk,
        }
        common = {
            "payment_request_id": request.pk,
            "payout_date": request.payout_date,
            "reference": application.reference,
            "organisation": organisation.name,
            "holder": sepa_text(holder or organisation.name),
            "iban": iban,
            "bic": bic,
            "purpose": purpose,
        }
        if not request.payout_entries:  # not booked on a line: one row without booking fields
            rows.append(PayoutRow(**common, amount=request.amount, sachkonto="", kostenstelle=""))
        for entry in request.payout_entries:
            rows.append(
                PayoutRow(
                    **common,
                    amount=entry.amount,
                    sachkonto=entry.budget_line.sachkonto,
                    kostenstelle=entry.budget_line.kostenstelle,
                )
            )
    return rows


def payout_file_xlsx(rows: list[PayoutRow]) -> bytes:
    """The sheet "Auszahlungen" with a live total; user text is never read as a formula."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        output, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    )
    sheet = workbook.add_worksheet(SHEET_NAME)
    bold = workbook.add_format({"bold": True})
    date_format = workbook.add_format({"num_format": "dd.mm.yyyy"})
    euro = workbook.add_format({"num_format": '#,##0.00 "€"'})
    euro_bold = workbook.add_format({"num_format": '#,##0.00 "€"', "bold": True})
    sheet.write_row(0, 0, headers(), bold)
    for number, row in enumerate(rows, start=1):
        sheet.write_datetime(number, 0, row.payout_date, date_format)
        sheet.write_string(number, 1, row.reference)
        sheet.write_string(number, 2, row.organisation)
        sheet.write_string(number, 3, row.iban)
        sheet.write_string(number, 4, row.bic)
        sheet.write_number(number, 5, row.amount, euro)
        sheet.write_string(number, 6, row.purpose)
        sheet.write_string(number, 7, row.sachkonto)
        sheet.write_string(number, 8, row.kostenstelle)
    if rows:
        total_row = len(rows) + 1
        total = sum((row.amount for row in rows), Decimal("0.00"))
        sheet.write_string(total_row, 0, _("Summe"), bold)
        sheet.write_formula(total_row, 5, f"=SUM(F2:F{len(rows) + 1})", euro_bold, total)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(headers()) - 1)
    for column, width in enumerate((14, 16, 40, 26, 13, 14, 40, 12, 13)):
        sheet.set_column(column, column, width)
    workbook.close()
    return output.getvalue()


# The shared writer's guard; the name stays for the existing callers and tests.
_safe_text = safe_text


def payout_file_csv(rows: list[PayoutRow]) -> str:
    """Semicolon separated with a BOM (for Excel), German dates and decimal commas."""
    return write_csv(
        Export(
            title=SHEET_NAME,
            header=headers(),
            rows=(
                [
                    row.payout_date,
                    row.reference,
                    row.organisation,
                    row.iban,
                    row.bic,
                    row.amount,
                    row.purpose,
                    row.sachkonto,
                    row.kostenstelle,
                ]
                for row in rows
            ),
        )
    )


def _cents(amount: Decimal) -> int:
    return int((amount * 100).to_integral_value())


@dataclass(frozen=True)
class SepaFile:
    """The transfer file, and the payouts left out of it with the reason (reference, reason).
    `xml` is None when no payout could go into the file."""

    xml: bytes | None
    skipped: list[tuple[str, str]] = field(default_factory=list)


BIC_PATTERN = re.compile(r"[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?")


def _label(parts: list[PayoutRow]) -> str:
    first = parts[0]
    return _("%(reference)s, Mittelabruf %(pk)s") % {
        "reference": first.reference,
        "pk": first.payment_request_id,
    }


def _payment(parts: list[PayoutRow], execution_date: datetime.date) -> tuple[dict | None, str]:
    """The transfer of one payment request for sepaxml, or None and why it cannot be sent."""
    first = parts[0]
    if not first.iban:
        return None, _("keine Bankverbindung gespeichert")
    try:
        iban = IBAN(first.iban).compact
    except SchwiftyException:
        return None, _("die IBAN %(iban)s ist ungültig") % {"iban": first.iban}
    name = sepa_ascii(first.holder)[:NAME_MAX].strip()
    if not name:
        return None, _("der Kontoinhaber fehlt oder hat keine lateinischen Buchstaben")
    amount = _cents(sum((part.amount for part in parts), Decimal("0.00")))
    if amount <= 0:
        return None, _("der Betrag ist nicht positiv")
    reference = sepa_ascii(first.reference) or "Zuwendung"
    payment = {
        "name": name,
        "IBAN": iban,
        "amount": amount,
        "description": (sepa_ascii(first.purpose) or reference)[:REMITTANCE_MAX],
        "execution_date": execution_date,
        "endtoend_id": f"{reference}-{first.payment_request_id}"[:ENDTOEND_MAX],
    }
    bic = first.bic.strip().upper()
    if BIC_PATTERN.fullmatch(bic):  # optional in SEPA: a malformed one is left out, not the payout
        payment["BIC"] = bic
    return payment, ""


def _transfer_xml(payments: list[dict]) -> bytes:
    account = settings.CASH_OFFICE_ACCOUNT
    config = {
        "name": sepa_ascii(account["holder"])[:NAME_MAX],
        "IBAN": IBAN(account["iban"]).compact,
        "batch": True,
        "currency": "EUR",
    }
    if account.get("bic"):
        config["BIC"] = account["bic"]
    # Texts are already in the basic SEPA set (sepa_ascii): sepaxml's own cleaning is not needed.
    transfer = SepaTransfer(config, schema=SEPA_SCHEMA, clean=False)
    for payment in payments:
        transfer.add_payment(dict(payment))
    return transfer.export(validate=True, pretty_print=True)


def _schema_refuses(payment: dict) -> bool:
    try:
        _transfer_xml([payment])
    except SCHEMA_ERRORS:
        return True
    return False


def payout_file_sepa(rows: list[PayoutRow], *, execution_date: datetime.date) -> SepaFile:
    """One SEPA credit transfer (pain.001.001.09), one payment per payment request, validated
    against the schema bundled with sepaxml. A payout that cannot be sent (no or an invalid
    IBAN, no usable holder, text the schema refuses) is left out and named, never the file."""
    if not rows:
        raise ValidationError(_("Im gewählten Zeitraum gibt es keine Auszahlungen."))
    grouped: dict[int, list[PayoutRow]] = {}
    for row in rows:
        grouped.setdefault(row.payment_request_id, []).append(row)
    payments: list[tuple[str, dict]] = []
    skipped: list[tuple[str, str]] = []
    for parts in grouped.values():
        payment, reason = _payment(parts, execution_date)
        if payment is None:
            skipped.append((_label(parts), reason))
        else:
            payments.append((_label(parts), payment))
    if not payments:
        return SepaFile(xml=None, skipped=skipped)
    try:
        return SepaFile(xml=_transfer_xml([payment for _key, payment in payments]), skipped=skipped)
    except SCHEMA_ERRORS:
        pass
    # Some payment breaks the schema: find it (one file per payment) and leave it out.
    good = []
    for label, payment in payments:
        if _schema_refuses(payment):
            skipped.append((label, _("die Bank-Schemaprüfung lehnt die Angaben ab")))
        else:
            good.append(payment)
    return SepaFile(xml=_transfer_xml(good) if good else None, skipped=skipped)
