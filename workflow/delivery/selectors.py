"""Reads about the delivery of notices for the case page and the deadlines page."""

from grants.models import Notice
from grants.permissions import delivery_refusal
from grants.services.delivery import PROVISION_ENDED, UNDELIVERED, delivery_state
from workflow.delivery.forms import NoticeDeliveryForm

NEEDS_STAFF = (PROVISION_ENDED, UNDELIVERED)


def case_notices(application, user) -> dict:
    """Each notice of the case with the form to record its delivery where staff must
    deliver it another way and the user may record it."""
    may_record = delivery_refusal(user, application) is None
    rows = []
    for notice in application.notices.all():
        needs_staff = delivery_state(notice) in NEEDS_STAFF
        form = (
            NoticeDeliveryForm(prefix=f"delivery{notice.pk}")
            if needs_staff and may_record
            else None
        )
        rows.append({"notice": notice, "needs_staff": needs_staff, "form": form})
    return {"notice_rows": rows}


def notices_to_deliver():
    """Notices whose provision in the portal ended without retrieval and that staff have not
    yet delivered another way, oldest first."""
    return (
        Notice.objects.filter(provision_ended_on__isnull=False, delivered_on__isnull=True)
        .select_related("application__organisation")
        .order_by("provision_ended_on", "pk")
    )
