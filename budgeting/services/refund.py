"""Refund claims (§ 49a VwVfG): the notice, interest on the outstanding principal, repayments
(partial ones too), and the waiver of a small remainder."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from budgeting.interest import base_rates, missing_base_rate_message, rate_covers, refund_interest
from budgeting.models import (
    LedgerEntry,
    LedgerEntryKind,
    RefundClaim,
    RefundStatus,
    Repayment,
)
from core.audit import audit_record
from core.formatting import format_euro
from core.money import ZERO, round_money, split_money
from grants.notices.render import html_to_pdf

from .ledger import ledger_book
from .locks import lock_application, lock_lines

PAY_WITHIN = relativedelta(months=1)


@dataclass(frozen=True)
class ClaimStanding:
    """Where a claim stands on a day: principal and interest still owed."""

    principal_open: Decimal
    interest_accrued: Decimal
    interest_paid: Decimal
    # The interest start no Basiszinssatz covers (interest then unknown, shown as a message).
    missing_rate_on: date | None = None

    @property
    def interest_problem(self) -> str:
        """Why the interest cannot be computed ("" when it can)."""
        if self.missing_rate_on is None:
            return ""
        return missing_base_rate_message(self.missing_rate_on)

    @property
    def interest_open(self) -> Decimal:
        return max(ZERO, self.interest_accrued - self.interest_paid)

    @property
    def total_open(self) -> Decimal:
        return self.principal_open + self.interest_open


def claim_standing(claim: RefundClaim, on: date) -> ClaimStanding:
    """Interest runs on the outstanding principal between repayments; rounded only in total.

    A claim that does not bear interest (a claim of interest itself, § 289 BGB) accrues none."""
    if not claim.bears_interest:
        principal = claim.amount - sum((r.principal for r in claim.repayments.all()), ZERO)
        return ClaimStanding(principal, ZERO, ZERO)
    rates = base_rates()
    if not rate_covers(claim.interest_from, rates):
        repaid = claim.repayments.all()
        principal = claim.amount - sum((r.principal for r in repaid), ZERO)
        interest_paid = sum((r.interest for r in repaid), ZERO)
        return ClaimStanding(principal, ZERO, interest_paid, missing_rate_on=claim.interest_from)
    principal, since, accrued, interest_paid = claim.amount, claim.interest_from, Decimal(0), ZERO
    for repayment in claim.repayments.order_by("received_on", "pk"):
        end = max(since, repayment.received_on)
        accrued += _unrounded(principal, since, end, rates)
        principal -= repayment.principal
        interest_paid += repayment.interest
        since = end
    accrued += _unrounded(principal, since, max(since, on), rates)
    return ClaimStanding(principal, round_money(accrued), interest_paid)


def _unrounded(amount, start, end, rates) -> Decimal:
    if amount <= ZERO or end <= start:
        return Decimal(0)
    return sum(
        (
            p.interest
            for p in refund_interest(amount=amount, start=start, end=end, rates=rates).periods
        ),
        Decimal(0),
    )


def last_payout_date(application) -> date:
    latest = application.payment_requests.aggregate(day=Max("payout_date"))["day"]
    return latest or timezone.localdate()


@transaction.atomic
def refund_claim_create(
    *,
    application,
    user,
    reason: str,
    amount: Decimal,
    explanation: str,
    interest_from: date,
    bears_interest: bool = True,
) -> RefundClaim:
    """Create the claim and its notice (PDF/A) in one step.

    `bears_interest` False for a claim of interest itself (§ 49a Abs. 4 VwVfG): no interest
    runs on it and the notice says so; `interest_from` is then only recorded."""
    today = timezone.localdate()
    claim = RefundClaim(
        application=application,
        reason=reason,
        explanation=explanation,
        amount=amount,
        interest_from=interest_from,
        bears_interest=bears_interest,
        due_on=today + PAY_WITHIN,
        created_by=user,
    )
    claim.notice_file.name = "pending"
    claim.full_clean()
    claim.save()
    pdf = render_refund_notice(claim, issued_on=today)
    claim.notice_file.save(f"rueckforderung-{claim.pk}.pdf", ContentFile(pdf), save=True)
    audit_record(
        actor=user,
        action="budgeting.refund.claimed",
        obj=application,
        after={
            "claim": claim.pk,
            "reason": reason,
            "amount": amount,
            "interest_from": interest_from,
            "bears_interest": bears_interest,
        },
    )
    return claim


def render_refund_notice(claim: RefundClaim, *, issued_on: date) -> bytes:
    """The Rückforderungsbescheid, in German whatever the user's language."""
    application = claim.application
    account = settings.CASH_OFFICE_ACCOUNT
    with translation.override("de"):
        html = render_to_string(
            "budgeting/refund_notice.html",
            {
                "claim": claim,
                "application": application,
                "organisation": application.organisation,
                "issued_on": issued_on,
                "amount": format_euro(claim.amount),
                "authority": settings.AUTHORITY,
                "appeal_court": settings.APPEAL_COURT,
                "account": account,
                "document_title": _("Rückforderungsbescheid %(reference)s")
                % {"reference": application.reference},
            },
        )
    return html_to_pdf(html)


@transaction.atomic
def repayment_record(*, claim: RefundClaim, user, amount: Decimal, received_on: date) -> Repayment:
    """Record money received: first on the interest due, then on the principal."""
    claim = RefundClaim.objects.select_for_update().get(pk=claim.pk)
    if claim.status != RefundStatus.OPEN:
        raise ValidationError(_("Diese Rückforderung ist bereits erledigt."))
    standing = claim_standing(claim, received_on)
    if standing.interest_problem:
        raise ValidationError(standing.interest_problem)
    if amount > standing.total_open:
        raise ValidationError(
            {
                "amount": _(
                    "Offen sind nur %(open)s (Hauptforderung %(principal)s, Zinsen %(interest)s)."
                )
                % {
                    "open": format_euro(standing.total_open),
                    "principal": format_euro(standing.principal_open),
                    "interest": format_euro(standing.interest_open),
                }
            }
        )
    interest = min(amount, standing.interest_open)
    repayment = Repayment(
        claim=claim,
        amount=amount,
        interest=interest,
        principal=amount - interest,
        received_on=received_on,
        recorded_by=user,
    )
    repayment.full_clean()
    repayment.save()
    if repayment.principal > ZERO and claim.returns_grant_money:
        _book_refund(claim, repayment, user)
    audit_record(
        actor=user,
        action="budgeting.refund.repaid",
        obj=claim.application,
        after={
            "claim": claim.pk,
            "amount": amount,
            "principal": repayment.principal,
            "interest": interest,
        },
    )
    if claim_standing(claim, received_on).total_open == ZERO:
        claim.status, claim.closed_at = RefundStatus.SETTLED, timezone.now()
        claim.save(update_fields=["status", "closed_at"])
    return repayment


def _book_refund(claim, repayment, user):
    """The principal flows back to the lines the payouts came from, pro rata."""
    application = lock_application(claim.application)
    paid = {}
    for entry in LedgerEntry.objects.filter(application=application, kind=LedgerEntryKind.PAYOUT):
        paid[entry.budget_line_id] = paid.get(entry.budget_line_id, ZERO) + entry.amount
    pks = sorted(paid)
    lines = lock_lines(pks)
    for pk, part in zip(
        pks, split_money(repayment.principal, [paid[pk] for pk in pks]), strict=True
    ):
        if part > ZERO:
            ledger_book(
                line=lines[pk],
                application=application,
                kind=LedgerEntryKind.REFUND,
                amount=part,
                user=user,
                note=_("Rückzahlung zur Rückforderung %(pk)s") % {"pk": claim.pk},
            )


@transaction.atomic
def refund_waive(*, claim: RefundClaim, user, reason: str, on: date) -> RefundClaim:
    """Niederschlagung of a small remainder (below settings.REFUND_SMALL_AMOUNT_LIMIT)."""
    claim = RefundClaim.objects.select_for_update().get(pk=claim.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte begründen Sie die Niederschlagung.")})
    standing = claim_standing(claim, on)
    if standing.interest_problem:
        raise ValidationError(standing.interest_problem)
    limit = Decimal(settings.REFUND_SMALL_AMOUNT_LIMIT)
    if standing.total_open > limit:
        raise ValidationError(
            _("Nur Beträge bis %(limit)s können niedergeschlagen werden; offen sind %(open)s.")
            % {"limit": format_euro(limit), "open": format_euro(standing.total_open)}
        )
    claim.status, claim.closed_at, claim.waiver_reason = RefundStatus.WAIVED, timezone.now(), reason
    claim.save(update_fields=["status", "closed_at", "waiver_reason"])
    audit_record(
        actor=user,
        action="budgeting.refund.waived",
        obj=claim.application,
        after={"claim": claim.pk, "open": standing.total_open, "reason": reason},
    )
    return claim
