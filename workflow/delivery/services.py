"""Delivery of notices, run daily with `finalize_grants`: a notice provided in the portal and
not retrieved in time is not delivered, and the staff of the case are told to post it."""

from datetime import date

from django.db import transaction

from grants.services.delivery import notices_end_provision
from workflow import notifications


@transaction.atomic
def notices_provision_end_due(*, today: date) -> list:
    """End every provision that ran out before `today` and mail the case's staff."""
    ended = notices_end_provision(today=today)
    for notice in ended:
        notifications.staff_provision_ended(notice=notice)
    return ended
