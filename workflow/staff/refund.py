"""Finanzen record repayments on refund claims, or waive a small remainder; the grant closes
when nothing is open any more."""

from django.db import transaction

from budgeting.services.refund import refund_waive, repayment_record
from core.errors import NotAllowed
from core.roles import FINANCE
from grants.permissions import staff_refusal
from workflow.grant import grant_close_if_done


def _check(user, claim):
    reason = staff_refusal(user, claim.application, FINANCE)
    if reason:
        raise NotAllowed(reason)


@transaction.atomic
def refund_repayment(*, claim, user, amount, received_on):
    _check(user, claim)
    repayment = repayment_record(claim=claim, user=user, amount=amount, received_on=received_on)
    grant_close_if_done(application=claim.application, user=user)
    return repayment


@transaction.atomic
def refund_waiver(*, claim, user, reason, on):
    _check(user, claim)
    claim = refund_waive(claim=claim, user=user, reason=reason, on=on)
    grant_close_if_done(application=claim.application, user=user)
    return claim
