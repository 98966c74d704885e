"""Reports: submitted in the portal, checked by Sachbearbeitung; accepting the final report
settles the grant.

A simplified final report takes part in the sample draw when the checker accepts it
(grants/sampling.py): not drawn, it is accepted; drawn, it goes back through the revision loop
with the request for its receipts list and is checked as a full report from then on.

§ 49a Abs. 4 VwVfG interest in the report check: the checker (Sachbearbeitung, not a member
of the organisation, as for the check itself) claims it or waives it with a reason."""

from django.core.exceptions import ValidationError
from django.db import transaction

from budgeting.services.late_use import (
    late_use_interest_claim,
    late_use_interest_waive,
    late_use_undecided_refusal,
)
from budgeting.services.payout import payment_request_for_rest
from budgeting.services.settlement import grant_settle
from core.errors import NotAllowed
from core.money import ZERO
from grants.models import ReportKind
from grants.reports.rules import report_totals
from grants.sampling import drawn_request
from grants.services.finality import application_mark_settled
from grants.services.indicator_actuals import report_indicators_confirm
from grants.services.report import report_check_record
from grants.services.report_sample import report_sample_draw
from workflow import notifications
from workflow.payout.flow import PayoutFlow
from workflow.permissions import report_check_refusal
from workflow.task_services import task_guard


@transaction.atomic
def task_report_check(
    *, activation, user, accepted: bool, message: str = "", confirmed: set[int] | None = None
):
    """Accept (the final report settles the grant) or ask for a revision.

    `confirmed` names the indicator actuals whose computed status the checker confirms; None
    leaves the confirmations as they are.
    """
    report = task_guard(activation, user)
    if accepted and (reason := late_use_undecided_refusal(report)):
        raise ValidationError(reason)
    if confirmed is not None:
        report_indicators_confirm(report=report, user=user, confirmed=confirmed)
    if accepted and report_sample_draw(report=report, user=user):
        accepted, message = False, drawn_request(message)
    check = report_check_record(report=report, user=user, accepted=accepted, message=message)
    settlement = None
    if accepted and report.kind == ReportKind.FINAL:
        settlement = grant_settle_after_final_report(report=check.report, user=user)
    activation.execute()
    notifications.applicant_report_checked(check=check, settlement=settlement)
    return check


def grant_settle_after_final_report(*, report, user):
    """Schlussfestsetzung; an underpayment is paid out through the payout flow."""
    application = report.application
    settlement = grant_settle(application=application, user=user, totals=report_totals(report))
    if settlement.remaining_payable > ZERO:
        request = payment_request_for_rest(
            application=application, user=user, amount=settlement.remaining_payable
        )
        PayoutFlow.start.run(request=request)
    closed = settlement.refund == ZERO and settlement.remaining_payable == ZERO
    application_mark_settled(application=application, user=user, closed=closed)
    return settlement


def _check(user, report):
    reason = report_check_refusal(user, report)
    if reason:
        raise NotAllowed(reason)


@transaction.atomic
def report_late_use_claim(*, report, user):
    _check(user, report)
    return late_use_interest_claim(report=report, user=user)


@transaction.atomic
def report_late_use_waive(*, report, user, reason: str):
    _check(user, report)
    return late_use_interest_waive(report=report, user=user, reason=reason)
