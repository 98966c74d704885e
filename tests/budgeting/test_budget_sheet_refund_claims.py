"""The budget sheet with grants paid beyond their commitment: an open refund claim shows as a
claim ("offene Rückforderung"), never as a negative open commitment; the line's open commitment
is the sum of its grants' committed − paid where positive."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import timezone

from budgeting.exports.budget_sheet import LINE_COLUMNS, budget_sheet_rows, budget_sheet_xlsx
from budgeting.models import LedgerEntryKind, RefundReason
from budgeting.services import budget_commit
from budgeting.services.ledger import budget_release, ledger_book
from budgeting.services.locks import lock_lines
from budgeting.services.refund import refund_claim_create, repayment_record
from grants.models import ApplicationStatus
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.factories import ApplicationFactory, ProgrammeFactory, UserFactory
from tests.recalc import SOFFICE, recalculate

pytestmark = pytest.mark.django_db
YEAR = 2026
COLUMN = {title: index for index, (title, _spec, _kind) in enumerate(LINE_COLUMNS)}


def pay(line, application, amount, user):
    ledger_book(
        line=lock_lines([line.pk])[line.pk],
        application=application,
        kind=LedgerEntryKind.PAYOUT,
        amount=Decimal(amount),
        user=user,
        note="Auszahlung",
    )


def granted(programme, allocations, user, **fields):
    application = ApplicationFactory(call__programme=programme, **fields)
    total = Decimal(0)
    for line, amount in allocations:
        BudgetAllocationFactory(
            application=application, budget_line=line, amount=Decimal(amount), planned_by=user
        )
        total += Decimal(amount)
    budget_commit(application=application, amount=total, user=user)
    return application


@pytest.fixture
def overpaid():
    """One line of 2026: grant A approved 10,000.00, paid 10,000.00, settled at 8,000.00 (the
    claim of 2,000.00 is open, 500.00 repaid); grant B approved 6,000.00, paid 1,000.00."""
    user = UserFactory()
    programme = ProgrammeFactory()
    line = BudgetLineFactory(programme=programme, year=YEAR, appropriation=Decimal("50000.00"))
    settled = granted(
        programme, [(line, "10000.00")], user, status=ApplicationStatus.FINAL, reference="A-1"
    )
    pay(line, settled, "10000.00", user)
    # The settlement's bookings (budgeting.services.settlement): Z = 8,000.00 releases
    # 2,000.00 of the commitment and claims the 2,000.00 paid beyond it back.
    ledger_book(
        line=lock_lines([line.pk])[line.pk],
        application=settled,
        kind=LedgerEntryKind.RELEASE,
        amount=Decimal("2000.00"),
        user=user,
        note="Schlussfestsetzung: nicht benötigte Mittel",
    )
    refund_claim_create(
        application=settled,
        user=user,
        reason=RefundReason.SETTLEMENT,
        amount=Decimal("2000.00"),
        explanation="Festgesetzt 8.000,00 €, ausgezahlt 10.000,00 €.",
        interest_from=timezone.localdate(),
    )
    claim = settled.refund_claims.get()
    repayment_record(
        claim=claim, user=user, amount=Decimal("500.00"), received_on=claim.interest_from
    )
    running = granted(programme, [(line, "6000.00")], user, reference="B-2")
    pay(line, running, "1000.00", user)
    return line


def grant_rows(book):
    rows = book["Bewilligungen"].iter_rows(min_row=1, values_only=True)
    header = next(rows)
    return header, {row[0]: row[4:] for row in rows}


def test_an_open_refund_claim_is_a_claim_not_a_negative_open_commitment(overpaid):
    book = openpyxl.load_workbook(io.BytesIO(budget_sheet_xlsx(YEAR)))
    header, rows = grant_rows(book)
    assert header[4:] == ("gebunden", "ausgezahlt", "offene Bindung", "offene Rückforderung")
    # A: committed 8,000 after the release, paid 10,000: no open commitment, 1,500 still owed.
    assert rows["A-1"] == (8000, 10000, 0, 1500)
    assert rows["B-2"] == (6000, 1000, 5000, 0)


def test_the_line_sheet_sums_the_open_commitments_of_its_grants_and_shows_the_claims(overpaid):
    (line,) = budget_sheet_rows(YEAR)
    # committed − paid of the line would be 14,000 − 11,000 = 3,000: grant A's overpayment
    # would hide 2,000 of grant B's open 5,000.
    assert (line.committed, line.paid, line.refunds) == (
        Decimal("14000.00"),
        Decimal("11000.00"),
        Decimal("500.00"),
    )
    assert (line.open_commitment, line.open_claims) == (Decimal("5000.00"), Decimal("1500.00"))
    sheet = openpyxl.load_workbook(io.BytesIO(budget_sheet_xlsx(YEAR)))["Haushaltsstellen"]
    assert sheet.cell(2, COLUMN["offene Bindung"] + 1).value == 5000
    assert sheet.cell(2, COLUMN["offene Rückforderungen"] + 1).value == 1500


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) ist nicht installiert.")
def test_the_recalculated_totals_keep_the_claim_apart(overpaid):
    book = openpyxl.load_workbook(recalculate(budget_sheet_xlsx(YEAR)), data_only=True)
    sheet = book["Haushaltsstellen"]
    assert sheet["N3"].value == pytest.approx(5000.00)  # offene Bindung, total row
    assert sheet["U3"].value == pytest.approx(1500.00)  # offene Rückforderungen
    assert sheet["L3"].value == pytest.approx(14000.00)
    assert sheet["P3"].value == pytest.approx(36000.00)  # frei: 50,000 − 14,000
    assert sheet["T3"].value == pytest.approx(0.28)  # Auslastung 14,000 / 50,000
    assert sheet["U1"].value == "offene Rückforderungen"


def test_a_revoked_grant_over_two_years_shows_its_claim_on_each_years_row():
    """Paid 3,000.00 from the 2026 line and 1,000.00 from the 2027 line, then revoked: the claim
    of 4,000.00 flows back pro rata to the payouts, so 2026 shows 3,000.00 of it."""
    user = UserFactory()
    programme = ProgrammeFactory()
    line = BudgetLineFactory(programme=programme, year=YEAR, appropriation=Decimal("20000.00"))
    later = BudgetLineFactory(
        programme=programme,
        year=YEAR + 1,
        appropriation=Decimal("20000.00"),
        future_authorisation=Decimal("20000.00"),
    )
    grant = granted(programme, [(line, "6000.00"), (later, "4000.00")], user, reference="W-3")
    pay(line, grant, "3000.00", user)
    pay(later, grant, "1000.00", user)
    budget_release(application=grant, user=user, note="Widerruf")
    refund_claim_create(
        application=grant,
        user=user,
        reason=RefundReason.REVOCATION,
        amount=Decimal("4000.00"),
        explanation="Widerruf",
        interest_from=timezone.localdate(),
    )
    _header, rows = grant_rows(openpyxl.load_workbook(io.BytesIO(budget_sheet_xlsx(YEAR))))
    assert rows == {"W-3": (0, 3000, 0, 3000)}
    _header, rows = grant_rows(openpyxl.load_workbook(io.BytesIO(budget_sheet_xlsx(YEAR + 1))))
    assert rows == {"W-3": (0, 1000, 0, 1000)}
