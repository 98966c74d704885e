"""Schlussfestsetzung: settle the grant from the accepted Verwendungsnachweis.

The final grant Z comes from `grants.settlement.settle` (the formulas of DOMAIN.md); this
service adds what money does with it: the unused commitment is released and an overpayment
becomes a refund claim. The workflow pays out an underpayment and changes the status."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgeting.balances import grant_balances
from budgeting.models import GrantSettlement, LedgerEntryKind, RefundReason
from budgeting.selectors import commitments_of
from core.audit import audit_record
from core.formatting import format_euro
from core.money import ZERO, split_money
from grants.models import Application, ApplicationStatus, FinancingType
from grants.reports.rules import ReportTotals
from grants.settlement import Settlement, SettlementInput, settle

from .ledger import ledger_book
from .locks import lock_application, lock_lines
from .refund import last_payout_date, refund_claim_create


def settlement_input(application: Application, totals: ReportTotals, *, approved, paid):
    programme = application.call.programme
    rate = None
    if programme.financing_type == FinancingType.SHARE:
        rate = programme.funding_rate / Decimal(100)
    return SettlementInput(
        financing_type=programme.financing_type,
        approved=approved,
        rate=rate,
        costs_actual=totals.costs_actual,
        own_planned=totals.own_planned,
        own_actual=totals.own_actual,
        third_planned=totals.third_planned,
        third_actual=totals.third_actual,
        paid=paid,
    )


def settlement_preview(application: Application, totals: ReportTotals) -> Settlement:
    """The computation as it would be settled now (for the staff page)."""
    balances = grant_balances(application)
    return settle(
        settlement_input(application, totals, approved=balances.approved, paid=balances.paid)
    )


@transaction.atomic
def grant_settle(*, application: Application, user, totals: ReportTotals) -> GrantSettlement:
    """Settle: record Z and its computation, release the unused commitment, create the refund
    claim or the payment request for the rest."""
    application = lock_application(application)
    if application.status != ApplicationStatus.FINAL:
        raise ValidationError(_("Nur eine bestandskräftige Bewilligung kann festgesetzt werden."))
    balances = grant_balances(application)
    result = settle(
        settlement_input(application, totals, approved=balances.approved, paid=balances.paid)
    )
    record = GrantSettlement(
        application=application,
        approved=balances.approved,
        final_grant=result.final_grant,
        paid=balances.paid,
        refund=result.refund,
        remaining_payable=result.remaining_payable,
        steps=result.stored_steps(),
        settled_by=user,
    )
    record.full_clean()
    record.save()
    _release_unused(application, balances.approved - result.final_grant, user)
    if result.refund > ZERO:
        refund_claim_create(
            application=application,
            user=user,
            reason=RefundReason.SETTLEMENT,
            amount=result.refund,
            explanation=_(
                "Nach dem geprüften Verwendungsnachweis beträgt die Zuwendung %(final)s. "
                "Ausgezahlt wurden %(paid)s. Der Unterschied ist zu erstatten."
            )
            % {"final": format_euro(result.final_grant), "paid": format_euro(balances.paid)},
            interest_from=last_payout_date(application),
        )
    audit_record(
        actor=user,
        action="budgeting.settlement.settled",
        obj=application,
        before={"status": application.status, "approved": balances.approved, "paid": balances.paid},
        after={
            "final_grant": result.final_grant,
            "refund": result.refund,
            "remaining": result.remaining_payable,
        },
    )
    return record


def _release_unused(application, amount, user):
    """Release the commitment above Z, pro rata on the lines it is bound on."""
    if amount <= ZERO:
        return
    lines = list(commitments_of(application))
    locked = lock_lines(line.pk for line in lines)
    parts = split_money(amount, [line.application_committed for line in lines])
    for line, part in zip(lines, parts, strict=True):
        if part > ZERO:
            ledger_book(
                line=locked[line.pk],
                application=application,
                kind=LedgerEntryKind.RELEASE,
                amount=part,
                user=user,
                note=_("Schlussfestsetzung: nicht benötigte Mittel"),
            )
