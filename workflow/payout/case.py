"""The applicant's payment request: it starts its own payout process."""

from django.db import transaction

from budgeting.services.payout import payment_request_create
from workflow.payout.flow import PayoutFlow


@transaction.atomic
def payout_request(*, application, user, **data):
    """Create the payment request and start its process."""
    request = payment_request_create(application=application, user=user, **data)
    PayoutFlow.start.run(request=request)
    return request
