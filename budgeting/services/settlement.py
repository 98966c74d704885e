"""Schlussfestsetzung: settle the grant from the accepted Verwendungsnachweis.

The final grant Z comes from `grants.settlement.settle` (the formulas of DOMAIN.md); this
service adds what money does with it: the unused commitment is released and an overpayment
becomes a refund claim. The workflow pays out an underpayment and changes the status."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgeting.balances import grant_balances
from budgeting.models import GrantSettlement, LedgerEntryKind, RefundReason
from budgeting.selectors import commitments_of
from core.audit import audit_record
from core.formatting import format_euro
from core.money import ZERO, split_money
from grants.models import Application, ApplicationStatus, ReportKind
from grants.reports.rules import ReportTotals
from grants.settlement import Settlement, SettlementInput, settle
from grants.terms import terms_in_force

from .ledger import ledger_book
from .locks import lock_application, lock_lines
from .refund import last_payout_date, refund_claim_create


def settlement_input(application: Application, totals: ReportTotals, *, approved, paid):
    """The settlement's figures: financing type, rate and per-unit rate as the notice in force
    fixed them (never the programme's current settings), actual units from the final report.

    Raises ValidationError when the grant has no terms, or a per-unit grant's final report
    states no units."""
    terms = terms_in_force(application)
    if terms is None:
        raise ValidationError(
            _("Für diese Zuwendung sind keine Bewilligungsbedingungen festgehalten.")
        )
    units_actual = None
    if terms.is_per_unit:
        report = application.reports.filter(kind=ReportKind.FINAL).first()
        units_actual = report.units_actual if report is not None else None
        if units_actual is None:
            raise ValidationError(
                _("Der Verwendungsnachweis nennt nicht, wie viele %(unit)s erbracht wurden.")
                % {"unit": terms.unit_name}
            )
    return SettlementInput(
        financing_type=terms.financing_type,
        approved=approved,
        rate=terms.rate_fraction,
        costs_actual=totals.costs_actual,
        own_planned=totals.own_planned,
        own_actual=totals.own_actual,
        third_planned=totals.third_planned,
        third_actual=totals.third_actual,
        paid=paid,
        unit_rate=terms.unit_rate if terms.is_per_unit else None,
        units_actual=units_actual,
    )


def settlement_preview(application: Application, totals: ReportTotals) -> Settlement | None:
    """The computation as it would be settled now (for the staff page); None when the terms
    or the units it needs are missing."""
    balances = grant_balances(application)
    try:
        data = settlement_input(application, totals, approved=balances.approved, paid=balances.paid)
    except ValidationError:
        return None
    return settle(data)


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
