"""§ 49a Abs. 4 VwVfG: interest on payout money used later than two months after its payout,
payouts used first in, first out, split at base-rate changes, rounded once; claimed as a
refund claim that bears no interest itself, or waived with a reason."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.late_use import late_use_interest
from budgeting.models import (
    BaseRate,
    LateUseInterest,
    LateUseInterestDecision,
    LedgerEntry,
    PaymentRequest,
    PaymentRequestStatus,
    RefundClaim,
    RefundReason,
)
from budgeting.services.late_use import late_use_interest_claim, late_use_interest_waive
from budgeting.services.refund import claim_standing, repayment_record
from core.models import AuditEntry
from grants.models import Receipt, ReportStatus
from tests.factories import UserFactory
from tests.grants.report_factories import ReportFactory

D = Decimal
day = datetime.date
# Basiszinssatz 1.27 % from 1 January 2026 (seeded), 1.77 % from 1 July 2026 (for these tests).
RATES = [(day(2025, 7, 1), D("1.27")), (day(2026, 1, 1), D("1.27")), (day(2026, 7, 1), D("1.77"))]


def test_money_used_late_bears_interest_from_the_payout_split_at_a_base_rate_change():
    result = late_use_interest(
        payouts=[(day(2026, 1, 15), D("10000.00"))],
        receipts=[(day(2026, 7, 20), D("6000.00")), (day(2026, 2, 20), D("4000.00"))],
        rates=RATES,
    )
    in_time, late = result.portions
    assert (in_time.used_on, in_time.amount, in_time.late) == (day(2026, 2, 20), D("4000"), False)
    assert in_time.spend_by == day(2026, 3, 15) and in_time.periods == []
    assert (late.used_on, late.amount, late.late) == (day(2026, 7, 20), D("6000.00"), True)
    # 15.01.–30.06.: 167 days at 1.27 + 5 = 6.27 %; 01.07.–19.07.: 19 days at 1.77 + 5 = 6.77 %.
    first, second = late.periods
    assert (first.start, first.end, first.days, first.rate_percent) == (
        day(2026, 1, 15),
        day(2026, 7, 1),
        167,
        D("6.27"),
    )
    assert (second.start, second.end, second.days, second.rate_percent) == (
        day(2026, 7, 1),
        day(2026, 7, 20),
        19,
        D("6.77"),
    )
    by_hand = D("6000") * D("6.27") * 167 / 36500 + D("6000") * D("6.77") * 19 / 36500
    assert by_hand.quantize(D("0.01")) == D("193.27")  # 172.1244 + 21.1447 = 193.2690…
    assert result.total == D("193.27")
    assert result.unused == D("0.00")


def test_two_payouts_are_used_first_in_first_out_and_a_receipt_before_any_payout_uses_none():
    result = late_use_interest(
        payouts=[(day(2026, 4, 1), D("5000.00")), (day(2026, 1, 15), D("5000.00"))],
        receipts=[
            (day(2026, 1, 10), D("1000.00")),  # before any payout: paid from other money
            (day(2026, 3, 1), D("3000.00")),  # payout of 15.01., in time (until 15.03.)
            (day(2026, 5, 20), D("4000.00")),  # 2,000 of 15.01. late, 2,000 of 01.04. in time
            (day(2026, 8, 10), D("3000.00")),  # the rest of 01.04., late (until 01.06.)
        ],
        rates=RATES,
    )
    assert [(p.payout_date, p.used_on, p.amount, p.late) for p in result.portions] == [
        (day(2026, 1, 15), day(2026, 3, 1), D("3000.00"), False),
        (day(2026, 1, 15), day(2026, 5, 20), D("2000.00"), True),
        (day(2026, 4, 1), day(2026, 5, 20), D("2000.00"), False),
        (day(2026, 4, 1), day(2026, 8, 10), D("3000.00"), True),
    ]
    # 2,000 × 6.27 % × 125/365 + 3,000 × 6.27 % × 91/365 + 3,000 × 6.77 % × 40/365
    # = 42.9452… + 46.8962… + 22.2575… = 112.0989…
    assert [p.days for p in result.late_portions] == [125, 131]
    assert result.total == D("112.10")
    assert result.unused == D("0.00")


def test_a_payout_is_not_used_by_a_receipt_before_it_even_when_earlier_money_is_used_up():
    result = late_use_interest(
        payouts=[(day(2026, 1, 15), D("1000.00")), (day(2026, 6, 1), D("1000.00"))],
        receipts=[(day(2026, 2, 1), D("1500.00")), (day(2026, 6, 10), D("200.00"))],
        rates=RATES,
    )
    assert [(p.payout_date, p.amount) for p in result.portions] == [
        (day(2026, 1, 15), D("1000.00")),
        (day(2026, 6, 1), D("200.00")),
    ]
    assert result.total == D("0.00")
    assert result.unused == D("800.00")  # refunded with § 49a Abs. 3 interest, not here


def test_the_interest_is_rounded_once_not_per_portion():
    # Three late uses of 1.00 € each, 106 days at 6.27 %: 0.018209… each, 0.054627… in all.
    result = late_use_interest(
        payouts=[(day(2026, 1, 15), D("3.00"))],
        receipts=[(day(2026, 5, 1), D("1.00"))] * 3,
        rates=RATES,
    )
    assert [p.interest_rounded for p in result.portions] == [D("0.02")] * 3
    assert result.total == D("0.05")


def test_the_steps_are_stored_as_json_ready_data():
    result = late_use_interest(
        payouts=[(day(2026, 1, 15), D("10000.00"))],
        receipts=[(day(2026, 7, 20), D("6000.00"))],
        rates=RATES,
    )
    (step,) = result.stored_steps()
    assert step["payout_date"] == day(2026, 1, 15) and step["late"] is True
    assert [p["days"] for p in step["periods"]] == [167, 19]


# --- Claim or waive (database) ---------------------------------------------------------------


@pytest.fixture
def report(db):
    """A submitted final report of a project 01.01.–31.12.2026: 10,000.00 € paid out on
    15.01.2026, receipts 4,000.00 € on 20.02. and 6,000.00 € on 20.07."""
    BaseRate.objects.update_or_create(valid_from=day(2026, 7, 1), defaults={"rate": D("1.77")})
    report = ReportFactory(
        application__project_start=day(2026, 1, 1), application__project_end=day(2026, 12, 31)
    )
    report.status = ReportStatus.SUBMITTED
    report.save()
    application = report.application
    user = UserFactory()
    PaymentRequest.objects.create(
        application=application,
        amount=D("10000.00"),
        needed_within_two_months=True,
        requested_by=user,
        status=PaymentRequestStatus.RELEASED,
        payout_date=day(2026, 1, 15),
    )
    for number, (date, amount) in enumerate(
        [(day(2026, 2, 20), "4000.00"), (day(2026, 7, 20), "6000.00")], start=1
    ):
        Receipt.objects.create(
            report=report, number=number, date=date, payee="Honorar", purpose="Kurs", amount=amount
        )
    return report


def test_claiming_records_the_decision_and_a_refund_claim_without_interest(report):
    user = UserFactory()
    record = late_use_interest_claim(report=report, user=user)
    assert record.decision == LateUseInterestDecision.CLAIMED
    assert record.amount == D("193.27")
    assert [p["days"] for p in record.steps[1]["periods"]] == [167, 19]
    claim = record.refund_claim
    assert claim.reason == RefundReason.LATE_USE_INTEREST
    assert claim.amount == D("193.27") and claim.bears_interest is False
    assert claim.notice_file.name.endswith(".pdf")
    assert "15.01.2026" in claim.explanation and "167 Tage zu 6,27 %" in claim.explanation
    # A claim of interest accrues no interest, however long it stays open.
    standing = claim_standing(claim, day(2030, 1, 1))
    assert (standing.principal_open, standing.interest_open) == (D("193.27"), D("0.00"))
    entry = AuditEntry.objects.for_object(report).get(action="budgeting.late_use.claimed")
    assert entry.actor == user and entry.after["claim"] == claim.pk


def test_paying_the_interest_claim_settles_it_without_booking_it_back_on_the_budget_lines(report):
    user = UserFactory()
    claim = late_use_interest_claim(report=report, user=user).refund_claim
    repayment = repayment_record(
        claim=claim, user=user, amount=D("193.27"), received_on=day(2031, 3, 1)
    )
    assert (repayment.principal, repayment.interest) == (D("193.27"), D("0.00"))
    claim.refresh_from_db()
    assert claim.status == "settled"
    assert not LedgerEntry.objects.filter(application=report.application).exists()


def test_waiving_requires_a_reason_and_records_it(report):
    user = UserFactory()
    with pytest.raises(ValidationError) as refusal:
        late_use_interest_waive(report=report, user=user, reason="  ")
    assert refusal.value.message_dict == {
        "reason": ["Bitte begründen Sie, warum die Zinsen nicht geltend gemacht werden."]
    }
    assert not LateUseInterest.objects.exists()
    record = late_use_interest_waive(
        report=report, user=user, reason="Verzögerung durch Baustopp, nicht vom Träger verschuldet."
    )
    assert record.decision == LateUseInterestDecision.WAIVED
    assert record.amount == D("193.27") and record.refund_claim is None
    assert not RefundClaim.objects.exists()
    entry = AuditEntry.objects.for_object(report).get(action="budgeting.late_use.waived")
    assert entry.after["reason"].startswith("Verzögerung")


def test_the_decision_is_taken_once(report):
    user = UserFactory()
    late_use_interest_waive(report=report, user=user, reason="Geringfügig.")
    with pytest.raises(ValidationError, match="bereits entschieden"):
        late_use_interest_claim(report=report, user=user)
    assert not RefundClaim.objects.exists()


def test_nothing_is_claimed_when_every_payout_was_used_in_time(report):
    Receipt.objects.filter(report=report, number=2).update(date=day(2026, 3, 10))
    with pytest.raises(ValidationError, match="keine Zinsen"):
        late_use_interest_claim(report=report, user=UserFactory())
    assert not RefundClaim.objects.exists() and not LateUseInterest.objects.exists()


def test_a_missing_base_rate_is_a_message_not_a_server_error(report):
    PaymentRequest.objects.update(payout_date=day(2022, 1, 15))  # the seeded rates begin 2023
    with pytest.raises(ValidationError, match="kein Basiszinssatz"):
        late_use_interest_claim(report=report, user=UserFactory())
