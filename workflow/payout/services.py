"""The three sign-offs of a payment request as staff tasks of the payout flow."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from budgeting.services.payout import (
    payment_arithmetic_signoff,
    payment_factual_signoff,
    payment_release,
    payment_return,
)
from workflow import notifications
from workflow.grant import grant_close_if_done
from workflow.task_services import task_guard


def _return(request, user, reason, activation):
    request = payment_return(request=request, user=user, reason=reason)
    activation.execute()
    notifications.applicant_payment_returned(request=request)
    return request


@transaction.atomic
def task_factual(*, activation, user, ok: bool, reason: str = ""):
    request = task_guard(activation, user)
    if not ok:
        return _return(request, user, reason, activation)
    request = payment_factual_signoff(request=request, user=user)
    activation.execute()
    return request


@transaction.atomic
def task_arithmetic(*, activation, user, ok: bool, reason: str = ""):
    request = task_guard(activation, user)
    if not ok:
        return _return(request, user, reason, activation)
    request = payment_arithmetic_signoff(request=request, user=user)
    activation.execute()
    return request


@transaction.atomic
def task_release(*, activation, user, ok: bool, payout_date: date | None = None, reason: str = ""):
    request = task_guard(activation, user)
    if not ok:
        return _return(request, user, reason, activation)
    request = payment_release(
        request=request, user=user, payout_date=payout_date or timezone.localdate()
    )
    activation.execute()
    notifications.applicant_payment_released(request=request)
    grant_close_if_done(application=request.application, user=user)
    return request
