"""Receipts: one dated outside the project period is flagged and not eligible, and lowers the
settlement's A_ist; one dated after today is refused in the form, in the import and at
submission."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from budgeting.services.settlement import settlement_input
from grants.models import FinancingType, GrantTerms, Receipt
from grants.reports.forms import ReceiptForm
from grants.reports.receipts_import import parse_receipts
from grants.reports.rows import ReceiptRow
from grants.reports.rules import (
    RECEIPTS,
    receipt_flag,
    report_submission_errors,
    report_totals,
)
from grants.services.report import report_receipts_replace
from grants.settlement import settle
from tests.grants.report_factories import ReportFactory, fill_report

pytestmark = pytest.mark.django_db
D = Decimal
EURO = "\N{NO-BREAK SPACE}€"
ONE_DAY = datetime.timedelta(days=1)


@pytest.fixture
def report(organisation, applicant):
    """A final report of 10,000.00 € actual costs: receipt 1 of 1,000.00 € the day before the
    project start, 2 of 1,500.00 € the day after its end, 3 of 7,500.00 € inside."""
    report = fill_report(
        ReportFactory(application__organisation=organisation, application__created_by=applicant)
    )
    application = report.application
    Receipt.objects.filter(report=report, number=1).update(
        date=application.project_start - ONE_DAY, amount=D("1000.00")
    )
    Receipt.objects.filter(report=report, number=2).update(
        date=application.project_end + ONE_DAY, amount=D("1500.00")
    )
    Receipt.objects.create(
        report=report,
        number=3,
        date=application.project_start + ONE_DAY,
        payee="Musikschule",
        purpose="Kursleitung",
        amount=D("7500.00"),
    )
    return report


def receipts_of(report):
    return {r.number: r for r in report.receipts.all()}


def test_a_receipt_before_the_start_or_after_the_end_is_flagged_with_the_reason(report):
    application = report.application
    receipts = receipts_of(report)
    start, end = application.project_start, application.project_end
    assert receipt_flag(receipts[1], application) == f"vor Projektbeginn ({start:%d.%m.%Y})"
    assert receipt_flag(receipts[2], application) == f"nach Projektende ({end:%d.%m.%Y})"
    assert receipt_flag(receipts[3], application) is None
    # The first and the last day of the project are inside.
    receipts[1].date, receipts[2].date = start, end
    assert receipt_flag(receipts[1], application) is None
    assert receipt_flag(receipts[2], application) is None


def test_the_flag_follows_the_project_period_as_a_change_notice_set_it(report):
    application = report.application
    application.project_end -= datetime.timedelta(days=60)  # shortened by a change notice
    receipt = receipts_of(report)[3]
    receipt.date = application.project_end + ONE_DAY
    assert receipt_flag(receipt, application) is not None


def test_flagged_receipts_are_not_eligible_and_lower_a_ist(report):
    totals = report_totals(report)
    assert totals.costs_reported == D("10000.00")  # as the report states them
    assert totals.costs_ineligible == D("2500.00")  # 1,000.00 + 1,500.00
    assert totals.costs_actual == D("7500.00")  # A_ist: eligible only
    assert totals.receipts_total == D("10000.00")
    assert totals.receipts_eligible == D("7500.00")


def test_the_settlement_counts_only_the_eligible_costs(report):
    """Anteilfinanzierung 80 %: Z = 0.8 × 7,500.00 = 6,000.00 instead of 8,000.00; of the
    8,000.00 € paid, 2,000.00 € are to be refunded."""
    application = report.application
    terms = GrantTerms.objects.get(application=application)
    assert (terms.financing_type, terms.funding_rate) == (FinancingType.SHARE, D("80.00"))
    totals = report_totals(report)
    data = settlement_input(application, totals, approved=D("8000.00"), paid=D("8000.00"))
    assert data.costs_actual == D("7500.00")
    result = settle(data)
    assert (result.final_grant, result.refund) == (D("6000.00"), D("2000.00"))
    a_ist = next(step for step in result.steps if step.expression == "A_ist")
    assert a_ist.amount == D("7500.00")


def test_receipts_outside_the_period_do_not_block_the_submission(report):
    assert report_submission_errors(report) == {}


# --- Receipts from the future ----------------------------------------------------------------


def receipt_form(day: datetime.date) -> ReceiptForm:
    return ReceiptForm(
        data={"date": day.isoformat(), "payee": "Copyshop", "purpose": "Flyer", "amount": "19,90"}
    )


def test_the_form_refuses_a_receipt_dated_after_today_and_accepts_today():
    tomorrow = timezone.localdate() + ONE_DAY
    form = receipt_form(tomorrow)
    assert not form.is_valid()
    assert form.errors["date"] == [
        f"Das Belegdatum {tomorrow:%d.%m.%Y} liegt in der Zukunft. Belege können erst nach der "
        "Zahlung eingetragen werden."
    ]
    assert receipt_form(timezone.localdate()).is_valid()


def test_the_import_refuses_a_receipt_dated_after_today_naming_the_row():
    tomorrow = timezone.localdate() + ONE_DAY
    text = (
        "Datum;Zahlungsempfänger;Zweck;Betrag\n"
        f"{timezone.localdate():%d.%m.%Y};Musikschule;Miete;100,00\n"
        f"{tomorrow:%d.%m.%Y};Copyshop;Flyer;19,90\n"
    )
    with pytest.raises(ValidationError) as refusal:
        parse_receipts(SimpleUploadedFile("belege.csv", text.encode()))
    assert refusal.value.messages == [
        f"Zeile 3: Das Belegdatum {tomorrow:%d.%m.%Y} liegt in der Zukunft. Belege können erst "
        "nach der Zahlung eingetragen werden."
    ]


def test_an_import_with_a_future_receipt_keeps_the_old_list(applicant_client, report):
    before = sorted(report.receipts.values_list("number", "amount"))
    tomorrow = timezone.localdate() + ONE_DAY
    text = f"Datum;Zahlungsempfänger;Zweck;Betrag\n{tomorrow:%d.%m.%Y};Copyshop;Flyer;19,90\n"
    response = applicant_client.post(
        reverse("portal:report_receipts_import", args=[report.pk]),
        {"file": SimpleUploadedFile("belege.csv", text.encode())},
    )
    assert response.status_code == 400
    assert "liegt in der Zukunft" in response.content.decode()
    assert sorted(report.receipts.values_list("number", "amount")) == before


def test_the_service_refuses_a_future_receipt_too(applicant, report):
    tomorrow = timezone.localdate() + ONE_DAY
    row = ReceiptRow(date=tomorrow, payee="Copyshop", purpose="Flyer", amount=D("19.90"))
    with pytest.raises(ValidationError) as refusal:
        report_receipts_replace(report=report, user=applicant, receipts=[row])
    assert refusal.value.message_dict[RECEIPTS] == [
        f"Beleg Nr. 1: Das Belegdatum {tomorrow:%d.%m.%Y} liegt in der Zukunft. Belege können "
        "erst nach der Zahlung eingetragen werden."
    ]
    assert report.receipts.count() == 3


def test_a_report_with_a_future_receipt_cannot_be_submitted(report):
    today = timezone.localdate()
    Receipt.objects.filter(report=report, number=3).update(date=today + ONE_DAY)
    assert report_submission_errors(report) == {
        RECEIPTS: [
            f"Diese Belege sind in der Zukunft datiert (nach dem {today:%d.%m.%Y}): Nr. 3. "
            "Bitte tragen Sie nur Belege über Zahlungen ein, die bereits geleistet sind."
        ]
    }
