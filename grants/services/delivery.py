"""Delivery (Bekanntgabe) of notices: by post, by retrieval in the portal, or handed over.

- At issue the channel is chosen: retrieval in the portal when the organisation consented
  (§ 41 Abs. 2a VwVfG), by post otherwise. A posted notice counts as delivered on the fourth
  day after posting; a provided one only on the day after its first retrieval by a member of
  the organisation.
- Not retrieved within NOTICE_PROVISION_DAYS after the notification: the provision ends, the
  notice is NOT delivered, and staff deliver it another way (posted or handed over) and record
  it here.
The dates themselves are computed in grants.deadlines.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Organisation
from applicants.permissions import is_member
from core.audit import audit_record
from core.errors import NotAllowed
from core.formatting import format_date
from grants.deadlines import post_delivery_date, provision_last_day, retrieval_delivery_date
from grants.models import DeliveryChannel, Notice
from grants.permissions import delivery_refusal

# What the case page, the deadlines page and the portal show for a notice.
DELIVERED = "delivered"
PROVIDED = "provided"  # waiting in the portal for its retrieval
PROVISION_ENDED = "provision_ended"  # not retrieved in time: staff must deliver another way
UNDELIVERED = "undelivered"


def delivery_channel_for(organisation: Organisation) -> DeliveryChannel:
    """Retrieval in the portal with the organisation's consent, by post without."""
    if organisation.portal_delivery_consent_at is not None:
        return DeliveryChannel.PORTAL
    return DeliveryChannel.POST


def notice_delivery_prepare(*, notice: Notice, organisation: Organisation) -> Notice:
    """Set the channel and dates of a notice being issued today (before it is saved)."""
    today = timezone.localdate()
    notice.channel = delivery_channel_for(organisation)
    notice.sent_on = today
    notice.delivered_on = (
        post_delivery_date(today) if notice.channel == DeliveryChannel.POST else None
    )
    return notice


def delivery_state(notice: Notice) -> str:
    """DELIVERED, PROVIDED (waiting for retrieval), PROVISION_ENDED or UNDELIVERED."""
    if notice.delivered_on is not None:
        return DELIVERED
    if notice.provision_ended_on is not None:
        return PROVISION_ENDED
    if notice.channel == DeliveryChannel.PORTAL:
        return PROVIDED
    return UNDELIVERED


def retrieval_until(notice: Notice) -> date | None:
    """The last day on which retrieving the provided notice delivers it."""
    if notice.channel != DeliveryChannel.PORTAL or notice.notified_at is None:
        return None
    return provision_last_day(timezone.localdate(notice.notified_at))


def retrieval_counts(notice: Notice, user, today: date) -> bool:
    """Whether `user` downloading the notice today is its retrieval (§ 41 Abs. 2a VwVfG):
    the first download of a provided notice, within the provision, by a member of the
    applying organisation (staff downloads never count)."""
    if delivery_state(notice) != PROVIDED or notice.retrieved_at is not None:
        return False
    until = retrieval_until(notice)
    if until is not None and today > until:
        return False
    return is_member(user, notice.application.organisation)


@transaction.atomic
def notice_notified(*, notice: Notice) -> Notice:
    """The applicant is told by mail that the notice waits in the portal (the mail goes out
    when the transaction commits); the provision period runs from now."""
    notice = Notice.objects.select_for_update().get(pk=notice.pk)
    if notice.channel != DeliveryChannel.PORTAL or notice.notified_at is not None:
        return notice
    notice.notified_at = timezone.now()
    notice.save(update_fields=["notified_at"])
    return notice


@transaction.atomic
def notice_retrieve(*, notice: Notice, user) -> Notice:
    """Record the retrieval when this download is one (retrieval_counts): who and when,
    delivered on the next day, audited. Any other download changes nothing."""
    today = timezone.localdate()
    if not retrieval_counts(notice, user, today):
        return notice
    notice = (
        Notice.objects.select_for_update()
        .select_related("application__organisation")
        .get(pk=notice.pk)
    )
    if not retrieval_counts(notice, user, today):  # another download was first
        return notice
    notice.retrieved_at, notice.retrieved_by = timezone.now(), user
    notice.delivered_on = retrieval_delivery_date(today)
    notice.full_clean()
    notice.save(update_fields=["retrieved_at", "retrieved_by", "delivered_on"])
    audit_record(
        actor=user,
        action="grants.notice.retrieved",
        obj=notice.application,
        after=_facts(notice),
    )
    return notice


@transaction.atomic
def notices_end_provision(*, today: date) -> list[Notice]:
    """End the provision of every notice not retrieved in time: it is not delivered, and
    staff must deliver it another way (run daily; returns the notices ended now)."""
    candidates = Notice.objects.filter(
        channel=DeliveryChannel.PORTAL,
        notified_at__isnull=False,
        retrieved_at__isnull=True,
        delivered_on__isnull=True,
        provision_ended_on__isnull=True,
    ).select_related("application__organisation", "issued_by")
    ended = []
    for notice in candidates.select_for_update(of=("self",)).order_by("pk"):
        until = retrieval_until(notice)
        if until is None or until >= today:
            continue
        notice.provision_ended_on = until
        notice.save(update_fields=["provision_ended_on"])
        audit_record(
            actor=None,
            action="grants.notice.provision_ended",
            obj=notice.application,
            after=_facts(notice),
        )
        ended.append(notice)
    return ended


HOW_POSTED = "post"
HOW_HANDED_OVER = "handover"


@transaction.atomic
def notice_delivery_record(*, notice: Notice, user, how: str, on: date) -> Notice:
    """Staff record that a notice not delivered in the portal went out another way:
    posted on `on` (delivered NOTICE_DELIVERY_DAYS later) or handed over on `on` (delivered
    that day)."""
    reason = delivery_refusal(user, notice.application)
    if reason:
        raise NotAllowed(reason)
    notice = (
        Notice.objects.select_for_update()
        .select_related("application__organisation")
        .get(pk=notice.pk)
    )
    if delivery_state(notice) == DELIVERED:
        raise NotAllowed(
            _("Dieser Bescheid ist bereits am %(day)s bekanntgegeben.")
            % {"day": format_date(notice.delivered_on)}
        )
    if delivery_state(notice) == PROVIDED:
        raise NotAllowed(
            _(
                "Dieser Bescheid steht noch zum Abruf im Portal bereit. Eine andere "
                "Bekanntgabe ist erst nach dem Ende der Bereitstellung zu erfassen."
            )
        )
    if how not in (HOW_POSTED, HOW_HANDED_OVER):
        raise ValidationError({"how": _("Bitte wählen Sie, wie der Bescheid zugestellt wurde.")})
    issued_on = timezone.localdate(notice.issued_at)
    if on < issued_on:
        raise ValidationError(
            {
                "on": _("Das Datum liegt vor dem Erlass des Bescheids (%(day)s).")
                % {"day": format_date(issued_on)}
            }
        )
    if on > timezone.localdate():
        raise ValidationError({"on": _("Das Datum liegt in der Zukunft.")})
    before = _facts(notice)
    if how == HOW_POSTED:
        notice.channel, notice.delivered_on = DeliveryChannel.POST, post_delivery_date(on)
    else:
        notice.channel, notice.delivered_on = DeliveryChannel.HANDOVER, on
    notice.sent_on = on
    notice.full_clean()
    notice.save(update_fields=["channel", "sent_on", "delivered_on"])
    audit_record(
        actor=user,
        action=f"grants.notice.{'posted' if how == HOW_POSTED else 'handed_over'}",
        obj=notice.application,
        before=before,
        after=_facts(notice),
    )
    return notice


def _facts(notice: Notice) -> dict:
    return {
        "notice": notice.pk,
        "kind": notice.kind,
        "version": notice.version,
        "channel": notice.channel,
        "sent_on": notice.sent_on,
        "delivered_on": notice.delivered_on,
        **({"provision_ended_on": notice.provision_ended_on} if notice.provision_ended_on else {}),
    }
