"""The budget sheet: cells, formats and live formulas, recalculated by LibreOffice and compared
with the figures the application computes from the ledger."""

import io
from decimal import Decimal
from io import StringIO

import openpyxl
import pytest
from django.core.management import call_command
from django.http import QueryDict

from budgeting.exports.budget_sheet import LINE_COLUMNS, budget_sheet_lines, budget_sheet_xlsx
from budgeting.models import LedgerEntryKind
from budgeting.selectors import finance_dashboard
from budgeting.services import budget_commit
from budgeting.services.ledger import ledger_book
from budgeting.services.locks import lock_lines
from grants.models import ApplicationStatus
from tests.budgeting.factories import (
    BudgetAllocationFactory,
    BudgetLineFactory,
    FundingSourceFactory,
)
from tests.factories import ApplicationFactory, ProgrammeFactory, UserFactory
from tests.recalc import SOFFICE, recalculate

pytestmark = pytest.mark.django_db
YEAR = 2026


@pytest.fixture
def budget():
    """Two sources, three lines; commitments, a payout, a refund and a pipeline allocation."""
    user = UserFactory()
    programme = ProgrammeFactory(name='=HYPERLINK("http://böse.example","Klick")')
    city = FundingSourceFactory(name="Stadt Wuppertal – Haushalt", kind="city")
    land = FundingSourceFactory(name="Land NRW", kind="land")
    lines = [
        BudgetLineFactory(
            programme=programme,
            source=city,
            year=YEAR,
            appropriation=Decimal("50000.00"),
            blocked=Decimal("1000.00"),
        ),
        BudgetLineFactory(
            programme=programme, source=city, year=YEAR, appropriation=Decimal("10000.00")
        ),
        BudgetLineFactory(
            programme=programme,
            source=land,
            year=YEAR,
            appropriation=Decimal("20000.00"),
            future_authorisation=Decimal("5000.00"),
        ),
    ]
    ledger_book(
        line=lock_lines([lines[0].pk])[lines[0].pk],
        application=None,
        kind=LedgerEntryKind.CARRY_IN,
        amount=Decimal("2500.00"),
        user=user,
        note="Übertragung 2025 → 2026",
    )
    ledger_book(
        line=lock_lines([lines[1].pk])[lines[1].pk],
        application=None,
        kind=LedgerEntryKind.CARRY_OUT,
        amount=Decimal("400.00"),
        user=user,
        note="Übertragung 2026 → 2027",
    )
    for line, amount in ((lines[0], "12345.67"), (lines[2], "8000.00")):
        application = ApplicationFactory(call__programme=programme)
        BudgetAllocationFactory(
            application=application, budget_line=line, amount=Decimal(amount), planned_by=user
        )
        budget_commit(application=application, amount=Decimal(amount), user=user)
        for kind, value in (
            (LedgerEntryKind.PAYOUT, "4000.00"),
            (LedgerEntryKind.REFUND, "100.01"),
        ):
            ledger_book(
                line=lock_lines([line.pk])[line.pk],
                application=application,
                kind=kind,
                amount=Decimal(value),
                user=user,
                note="Test",
            )
    pending = ApplicationFactory(
        call__programme=programme, status=ApplicationStatus.AWAITING_DECISION
    )
    BudgetAllocationFactory(
        application=pending, budget_line=lines[1], amount=Decimal("3000.00"), planned_by=user
    )
    return lines


def test_the_line_sheet_has_the_columns_formats_and_live_totals(budget):
    book = openpyxl.load_workbook(io.BytesIO(budget_sheet_xlsx(YEAR)))
    assert book.sheetnames == ["Übersicht", "Haushaltsstellen", "Bewilligungen", "Buchungen"]
    sheet = book["Haushaltsstellen"]
    assert [c.value for c in sheet[1]] == [title for title, _spec, _kind in LINE_COLUMNS]
    assert sheet["J2"].value == "=G2+H2-I2"
    assert sheet["G5"].value == "=SUBTOTAL(9,G2:G4)"
    assert sheet["G2"].number_format == '#,##0.00 "€"'
    assert sheet["T2"].number_format == "0.0 %"
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == "A1:U4"
    # user text stays text: never a formula, never a link
    assert sheet["E2"].data_type == "s" and sheet["E2"].value.startswith("=HYPERLINK")
    overview = book["Übersicht"]
    assert overview["B4"].value.startswith("=SUMIFS('Haushaltsstellen'!G:G")


def test_the_grant_and_booking_sheets_hold_the_ledger_of_the_year(budget):
    book = openpyxl.load_workbook(io.BytesIO(budget_sheet_xlsx(YEAR)))
    grants = list(book["Bewilligungen"].iter_rows(min_row=2, values_only=True))
    assert sorted((row[4], row[5], row[6]) for row in grants) == [
        (8000, 4000, 4000),
        (12345.67, 4000, 8345.67),
    ]
    bookings = list(book["Buchungen"].iter_rows(min_row=2, values_only=True))
    assert len(bookings) == 8  # carry in, carry out, 2 × (commitment, payout, refund)
    assert {row[1] for row in bookings} >= {"Mittelbindung", "Auszahlung", "Rückzahlung"}
    assert book["Buchungen"]["E2"].number_format == '#,##0.00 "€"'
    assert book["Buchungen"]["A2"].is_date


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) ist nicht installiert.")
def test_the_recalculated_workbook_equals_the_figures_from_the_ledger(budget):
    recalculated = openpyxl.load_workbook(recalculate(budget_sheet_xlsx(YEAR)), data_only=True)
    sheet = recalculated["Haushaltsstellen"]
    lines = list(budget_sheet_lines(YEAR))
    total = {
        "G": "appropriation",
        "J": "available",
        "K": "pipeline",
        "L": "committed",
        "M": "paid",
        "O": "refunds",
        "P": "free",
        "Q": "future_authorisation",
    }
    for column, attribute in total.items():
        expected = sum((getattr(line, attribute) for line in lines), Decimal("0"))
        assert Decimal(str(sheet[f"{column}5"].value)).quantize(Decimal("0.01")) == expected, column
    assert Decimal(str(sheet["N5"].value)).quantize(Decimal("0.01")) == Decimal(
        "12345.67"
    ) + Decimal("8000.00") - Decimal("8000.00")
    city_row = next(row for row in range(2, 5) if sheet[f"G{row}"].value == 50000)
    assert sheet[f"J{city_row}"].value == pytest.approx(51500.00)  # 50,000 + 2,500 − 1,000
    carried_row = next(row for row in range(2, 5) if sheet[f"G{row}"].value == 10000)
    assert sheet[f"H{carried_row}"].value == pytest.approx(-400.00)  # carried into 2027
    assert sheet[f"J{carried_row}"].value == pytest.approx(9600.00)
    dashboard = finance_dashboard(QueryDict(f"year={YEAR}"))["total"]
    for column, figure in {"J": "available", "L": "committed", "M": "paid", "P": "free"}.items():
        cell = Decimal(str(sheet[f"{column}5"].value)).quantize(Decimal("0.01"))
        assert cell == getattr(dashboard, figure), column
    overview = recalculated["Übersicht"]
    by_source = {overview.cell(row, 1).value: overview.cell(row, 4).value for row in range(4, 6)}
    assert by_source == {
        "Land NRW": pytest.approx(8000.00),
        "Stadt Wuppertal – Haushalt": pytest.approx(12345.67),
    }


def test_the_command_writes_the_workbook(budget, tmp_path):
    target = tmp_path / "haushalt.xlsx"
    out = StringIO()
    call_command("export_budget_sheet", "--year", str(YEAR), "--output", str(target), stdout=out)
    assert openpyxl.load_workbook(target)["Haushaltsstellen"].max_row == 5
    assert str(target) in out.getvalue()
