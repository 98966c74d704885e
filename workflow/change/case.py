"""Änderungsantrag, the applicant's side: the request starts its own process."""

from django.db import transaction

from grants.services.change import change_request_create
from workflow.change.flow import ChangeFlow


@transaction.atomic
def change_submit(*, application, user, **data):
    """Create the change request and start its process."""
    change = change_request_create(application=application, user=user, **data)
    ChangeFlow.start.run(change=change)
    return change
