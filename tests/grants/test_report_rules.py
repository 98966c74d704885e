"""The rules a report must meet before submission, one by one, and its totals."""

import datetime
from decimal import Decimal

import pytest

from grants.models import CostActual, FinancingKind, IncomeActual, Receipt, ReportKind
from grants.reports.rules import COSTS, INCOME, RECEIPTS, report_submission_errors, report_totals
from tests.grants.report_factories import ReportFactory, fill_report

pytestmark = pytest.mark.django_db
EURO = "\N{NO-BREAK SPACE}€"


@pytest.fixture
def report():
    return fill_report(ReportFactory())


def test_a_complete_report_breaks_no_rule(report):
    assert report_submission_errors(report) == {}


@pytest.mark.parametrize("field", ["work_done", "what_worked", "what_did_not"])
def test_each_question_of_the_sachbericht_must_be_answered(report, field):
    setattr(report, field, "  ")
    assert report_submission_errors(report) == {field: ["Bitte füllen Sie dieses Feld aus."]}


def test_the_interim_report_may_leave_out_what_did_not_work(report):
    report.kind = ReportKind.INTERIM
    report.what_did_not = ""
    assert report_submission_errors(report) == {}


def test_every_cost_line_needs_its_actual_amount(report):
    CostActual.objects.filter(report=report, cost_line__description="Material").delete()
    Receipt.objects.filter(report=report).update(amount=Decimal("4500.00"))
    errors = report_submission_errors(report)
    assert errors == {COSTS: ["Bitte tragen Sie die tatsächlichen Kosten für „Material“ ein."]}


def test_an_actual_of_zero_counts_as_entered(report):
    CostActual.objects.filter(report=report, cost_line__description="Material").update(
        amount=Decimal("0.00")
    )
    Receipt.objects.filter(report=report).update(amount=Decimal("4500.00"))
    assert report_submission_errors(report) == {}


def test_every_line_of_own_and_third_party_funds_needs_its_actual_income(report):
    IncomeActual.objects.filter(report=report).delete()
    assert report_submission_errors(report) == {
        INCOME: [
            "Bitte tragen Sie die tatsächlichen Einnahmen für „Eigenmittel“ ein "
            "(0,00 €, wenn nichts eingegangen ist).",
            "Bitte tragen Sie die tatsächlichen Einnahmen für „Freudenberg Stiftung“ ein "
            "(0,00 €, wenn nichts eingegangen ist).",
        ]
    }


def test_the_final_report_needs_receipts(report):
    Receipt.objects.filter(report=report).delete()
    assert report_submission_errors(report) == {
        RECEIPTS: ["Bitte führen Sie Ihre Belege in der Belegliste auf."]
    }


def test_an_interim_report_may_come_without_receipts(report):
    Receipt.objects.filter(report=report).delete()
    report.kind = ReportKind.INTERIM
    assert report_submission_errors(report) == {}


def test_the_receipts_must_add_up_to_the_actual_costs_to_the_cent(report):
    Receipt.objects.filter(report=report, number=1).update(amount=Decimal("4999.99"))
    assert report_submission_errors(report) == {
        RECEIPTS: [
            f"Die Summe der Belege (9.999,99{EURO}) stimmt nicht mit den tatsächlichen Kosten "
            f"(10.000,00{EURO}) überein (Differenz -0,01{EURO})."
        ]
    }


def test_receipts_outside_the_project_period_do_not_block_the_submission(report):
    """They are flagged in the check and not eligible (tests/grants/test_receipt_period.py)."""
    application = report.application
    Receipt.objects.filter(report=report, number=1).update(
        date=application.project_start - datetime.timedelta(days=1)
    )
    Receipt.objects.filter(report=report, number=2).update(
        date=application.project_end + datetime.timedelta(days=1)
    )
    assert report_submission_errors(report) == {}


def test_the_first_and_last_day_of_the_project_are_inside_the_period(report):
    application = report.application
    Receipt.objects.filter(report=report, number=1).update(date=application.project_start)
    Receipt.objects.filter(report=report, number=2).update(date=application.project_end)
    assert report_submission_errors(report) == {}


def test_totals_separate_own_from_third_party_funds():
    report = fill_report(ReportFactory())
    IncomeActual.objects.filter(report=report, financing_line__kind=FinancingKind.OWN).update(
        amount=Decimal("800.00")
    )
    IncomeActual.objects.filter(
        report=report, financing_line__kind=FinancingKind.FOUNDATION
    ).update(amount=Decimal("1250.50"))
    CostActual.objects.filter(report=report, cost_line__description="Material").update(
        amount=Decimal("750.25")
    )
    totals = report_totals(report)
    assert totals.costs_planned == Decimal("10000.00")
    assert totals.costs_actual == Decimal("9750.25")
    assert (totals.own_planned, totals.own_actual) == (Decimal("1000.00"), Decimal("800.00"))
    assert (totals.third_planned, totals.third_actual) == (Decimal("1000.00"), Decimal("1250.50"))
    assert totals.receipts_total == Decimal("10000.00")
    assert all(isinstance(value, Decimal) for value in vars(totals).values())
