"""Property: whatever the actual figures, after the settlement and the repayment the ledger
balances – the net commitment is the final grant, and paid − refunded ends at Z (or the rest
is still to pay)."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from budgeting.balances import grant_balances
from budgeting.models import LedgerEntryKind, RefundClaim
from budgeting.services import budget_commit
from budgeting.services.ledger import ledger_book
from budgeting.services.locks import lock_lines
from budgeting.services.refund import repayment_record
from budgeting.services.settlement import grant_settle
from grants.models import ApplicationStatus, FinancingType, GrantTerms
from grants.reports.rules import ReportTotals
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.factories import ApplicationFactory, ProgrammeFactory, UserFactory

money = st.decimals(min_value="0.00", max_value="20000.00", places=2)


class SettlementLedgerTests(TestCase):
    @settings(max_examples=40, deadline=None)
    @given(
        financing=st.sampled_from(FinancingType.values),
        costs=money,
        own=money,
        third=money,
        paid_share=st.decimals(min_value="0", max_value="1", places=2),
    )
    def test_the_ledger_balances_after_settlement_and_repayment(
        self, financing, costs, own, third, paid_share
    ):
        user = UserFactory()
        programme = ProgrammeFactory(
            financing_type=financing,
            funding_rate=Decimal("80.00") if financing == FinancingType.SHARE else None,
        )
        application = ApplicationFactory(
            call__programme=programme, status=ApplicationStatus.FINAL, reference="ZI-2026-0001"
        )
        GrantTerms.objects.create(
            application=application,
            version=1,
            financing_type=financing,
            funding_rate=programme.funding_rate,
            approved_amount=Decimal("8000.00"),
            eligible_costs=Decimal("10000.00"),
        )
        line = BudgetLineFactory(programme=programme, appropriation=Decimal("50000.00"))
        BudgetAllocationFactory(
            application=application, budget_line=line, amount=Decimal("8000.00"), planned_by=user
        )
        budget_commit(application=application, amount=Decimal("8000.00"), user=user)
        paid = (Decimal("8000.00") * paid_share).quantize(Decimal("0.01"))
        if paid:
            ledger_book(
                line=lock_lines([line.pk])[line.pk],
                application=application,
                kind=LedgerEntryKind.PAYOUT,
                amount=paid,
                user=user,
                note="Test",
            )
        totals = ReportTotals(
            costs_planned=Decimal("10000.00"),
            costs_actual=costs,
            own_planned=Decimal("1000.00"),
            own_actual=own,
            third_planned=Decimal("1000.00"),
            third_actual=third,
            receipts_total=costs,
        )
        record = grant_settle(application=application, user=user, totals=totals)

        assert Decimal("0.00") <= record.final_grant <= Decimal("8000.00")
        assert grant_balances(application).approved == record.final_grant
        assert record.refund - record.remaining_payable == paid - record.final_grant
        claim = RefundClaim.objects.filter(application=application).first()
        if claim:
            repayment_record(
                claim=claim, user=user, amount=claim.amount, received_on=claim.interest_from
            )
        balances = grant_balances(application)
        assert balances.paid - balances.refunded + record.remaining_payable == record.final_grant
