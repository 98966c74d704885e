"""§ 49a Abs. 4 VwVfG interest in the report check: the checker (Sachbearbeitung, not a member
of the organisation, as for the check itself) claims it or waives it with a reason."""

from django.db import transaction

from budgeting.services.late_use import late_use_interest_claim, late_use_interest_waive
from core.errors import NotAllowed
from workflow.permissions import report_check_refusal


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
