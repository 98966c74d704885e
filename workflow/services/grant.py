"""A grant after its notice: it becomes final, and then its reports are scheduled."""

from datetime import date

from django.db import transaction

from grants.services.finality import (
    application_make_final,
    applications_past_appeal_period,
    waiver_declare,
)
from workflow import notifications


def _after_final(application) -> None:
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
        with transaction.atomic():
            application = application_make_final(
                application=application, on=today, via="appeal_period"
            )
            _after_final(application)
        finalized.append(application)
    return finalized
