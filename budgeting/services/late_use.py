"""§ 49a Abs. 4 VwVfG in the check of the Verwendungsnachweis: the computation from the released
payouts and the eligible receipts, and staff's decision on it: claim the interest (a refund
claim with its notice, bearing no interest of its own) or waive it with a reason.

Who may decide (Sachbearbeitung, not a member of the organisation) is checked by the caller in
workflow; these services guard the report and the rules of the decision."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from budgeting.interest import base_rates, missing_base_rate_message, rate_covers
from budgeting.late_use import LateUseResult, late_use_interest
from budgeting.models import (
    LateUseInterest,
    LateUseInterestDecision,
    PaymentRequest,
    PaymentRequestStatus,
    RefundClaim,
    RefundReason,
)
from core.audit import audit_record
from core.formatting import format_date, format_euro
from core.money import ZERO
from grants.models import Report, ReportKind, ReportStatus
from grants.reports.rules import receipt_flag

from .locks import lock_application
from .refund import refund_claim_create


def late_use_applies(report: Report) -> bool:
    """The interest is computed in the check of the final report: its Belegliste covers the
    whole project period, so every payout's use can be followed."""
    return report.kind == ReportKind.FINAL


def late_use_inputs(report: Report):
    """The released payouts [(payout date, amount)] and the eligible receipts [(date, amount)]."""
    payouts = list(
        PaymentRequest.objects.filter(
            application_id=report.application_id,
            status=PaymentRequestStatus.RELEASED,
            payout_date__isnull=False,
        )
        .order_by("payout_date", "pk")
        .values_list("payout_date", "amount")
    )
    application = report.application
    receipts = [
        (receipt.date, receipt.amount)
        for receipt in sorted(report.receipts.all(), key=lambda r: (r.date, r.number))
        if receipt_flag(receipt, application) is None
    ]
    return payouts, receipts


def late_use_preview(report: Report) -> LateUseResult:
    """The computation as it stands now. Raises ValidationError when a base rate is missing."""
    payouts, receipts = late_use_inputs(report)
    rates = base_rates()
    if payouts and not rate_covers(payouts[0][0], rates):
        raise ValidationError(missing_base_rate_message(payouts[0][0]))
    return late_use_interest(payouts=payouts, receipts=receipts, rates=rates)


def late_use_undecided_refusal(report: Report) -> str | None:
    """Why the report cannot be accepted yet: interest is due and nobody decided on it."""
    if not late_use_applies(report) or LateUseInterest.objects.filter(report=report).exists():
        return None
    try:
        result = late_use_preview(report)
    except ValidationError as error:
        return error.messages[0]
    if result.total <= ZERO:
        return None
    return _(
        "Nach § 49a Abs. 4 VwVfG fallen Zinsen von %(total)s an. Bitte entscheiden Sie zuerst, "
        "ob sie geltend gemacht werden, und nehmen Sie den Nachweis dann an."
    ) % {"total": format_euro(result.total)}


def _locked_undecided(report: Report) -> Report:
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("application__organisation")
        .get(pk=report.pk)
    )
    if not late_use_applies(report):
        raise ValidationError(
            _("Die Zinsen nach § 49a Abs. 4 VwVfG werden mit dem Verwendungsnachweis geprüft.")
        )
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(
            _("Über die Zinsen wird in der Prüfung des eingereichten Nachweises entschieden.")
        )
    if LateUseInterest.objects.filter(report=report).exists():
        raise ValidationError(_("Über die Zinsen nach § 49a Abs. 4 VwVfG ist bereits entschieden."))
    return report


def _interest_due(report: Report) -> LateUseResult:
    result = late_use_preview(report)
    if result.total <= ZERO:
        raise ValidationError(_("Nach § 49a Abs. 4 VwVfG fallen keine Zinsen an."))
    return result


def late_use_explanation(result: LateUseResult) -> str:
    """The computation in words, for the notice (in German, as the notice)."""
    with translation.override("de"):
        return _explanation(result)


def _explanation(result: LateUseResult) -> str:
    lines = [
        _(
            "Ausgezahlte Mittel sind innerhalb von zwei Monaten nach der Auszahlung für "
            "fällige Zahlungen zu verwenden. Nach den Belegen des Verwendungsnachweises "
            "(Auszahlungen in der Reihenfolge ihrer Auszahlung verbraucht) wurden verwendet:"
        )
    ]
    for portion in result.late_portions:
        periods = "; ".join(
            _("%(days)s Tage zu %(rate)s %%")
            % {"days": p.days, "rate": number_format(p.rate_percent, decimal_pos=2)}
            for p in portion.periods
        )
        lines.append(
            _(
                "– %(amount)s aus der Auszahlung vom %(paid)s erst am %(used)s (Frist "
                "%(deadline)s); Zinsen vom %(paid)s bis %(used)s: %(periods)s."
            )
            % {
                "amount": format_euro(portion.amount),
                "paid": format_date(portion.payout_date),
                "used": format_date(portion.used_on),
                "deadline": format_date(portion.spend_by),
                "periods": periods,
            }
        )
    lines.append(
        _(
            "Zinssatz: fünf Prozentpunkte über dem jeweiligen Basiszinssatz, Tage ohne den Tag "
            "der Verwendung, 365 Tage im Jahr; Zinsen insgesamt %(total)s."
        )
        % {"total": format_euro(result.total)}
    )
    return "\n".join(lines)


@transaction.atomic
def late_use_interest_claim(*, report: Report, user) -> LateUseInterest:
    """Claim the interest: a refund claim (without interest of its own) with its notice."""
    report = _locked_undecided(report)
    application = lock_application(report.application)
    result = _interest_due(report)
    claim: RefundClaim = refund_claim_create(
        application=application,
        user=user,
        reason=RefundReason.LATE_USE_INTEREST,
        amount=result.total,
        explanation=late_use_explanation(result),
        interest_from=timezone.localdate(),
        bears_interest=False,
    )
    record = LateUseInterest(
        report=report,
        amount=result.total,
        steps=result.stored_steps(),
        decision=LateUseInterestDecision.CLAIMED,
        refund_claim=claim,
        decided_by=user,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=user,
        action="budgeting.late_use.claimed",
        obj=report,
        after={"amount": result.total, "claim": claim.pk},
    )
    return record


@transaction.atomic
def late_use_interest_waive(*, report: Report, user, reason: str) -> LateUseInterest:
    """Waive the interest (§ 49a Abs. 4: "kann"); the reason is required and recorded."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Bitte begründen Sie, warum die Zinsen nicht geltend gemacht werden.")}
        )
    report = _locked_undecided(report)
    result = _interest_due(report)
    record = LateUseInterest(
        report=report,
        amount=result.total,
        steps=result.stored_steps(),
        decision=LateUseInterestDecision.WAIVED,
        waiver_reason=reason,
        decided_by=user,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=user,
        action="budgeting.late_use.waived",
        obj=report,
        after={"amount": result.total, "reason": reason},
    )
    return record
