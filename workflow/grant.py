"""A grant after its notice: it becomes final, and then its reports are scheduled."""

from datetime import date, timedelta

from django.db import transaction

from budgeting.models import OPEN_PAYMENT_STATUSES, RefundStatus
from grants.models import ApplicationStatus
from grants.services.finality import (
    appeal_period_end,
    application_close,
    application_make_final,
    applications_past_appeal_period,
    waiver_declare,
)
from grants.services.report import reports_schedule
from workflow import notifications


def _after_final(application) -> None:
    reports_schedule(application=application)
    notifications.applicant_final(application=application)


@transaction.atomic
def grant_make_final_by_waiver(*, application, user):
    application = waiver_declare(application=application, user=user)
    _after_final(application)
    return application


def grants_finalize_due(*, today: date) -> list:
    """Make every approval final whose appeal period has passed (run daily)."""
    finalized = []
    for application in applications_past_appeal_period(today):
        final_on = appeal_period_end(application) + timedelta(days=1)  # the day after
        with transaction.atomic():
            application = application_make_final(
                application=application, on=final_on, via="appeal_period"
            )
            _after_final(application)
        finalized.append(application)
    return finalized


def grant_close_if_done(*, application, user) -> bool:
    """Close a settled grant once no refund and no payment is open any more."""
    application.refresh_from_db()
    if application.status not in (ApplicationStatus.SETTLED, ApplicationStatus.REVOKED):
        return False
    if application.status == ApplicationStatus.REVOKED and not application.refund_claims.exists():
        return False  # revoked before any payout: the revocation is the end
    if application.refund_claims.filter(status=RefundStatus.OPEN).exists():
        return False
    if application.payment_requests.filter(status__in=OPEN_PAYMENT_STATUSES).exists():
        return False
    application_close(application=application, user=user)
    return True
