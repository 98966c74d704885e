"""How a notice was or will be delivered, for the case page and the portal."""

from django import template
from django.conf import settings

from grants import deadlines
from grants.services.delivery import delivery_state, retrieval_until

register = template.Library()


@register.filter
def notice_delivery_state(notice) -> str:
    """delivered, provided, provision_ended or undelivered (grants.services.delivery)."""
    return delivery_state(notice)


@register.filter
def notice_retrieval_until(notice):
    """The last day on which retrieving the provided notice delivers it, or None."""
    return retrieval_until(notice)


@register.filter
def notice_appeal_end(notice):
    """The last day of the notice's appeal period, or None while it is not delivered."""
    return deadlines.appeal_period_end(notice.delivered_on) if notice.delivered_on else None


@register.simple_tag
def notice_provision_days() -> int:
    """How many days after the notification a provided notice can be retrieved."""
    return settings.NOTICE_PROVISION_DAYS
