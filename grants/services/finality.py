"""Bestandskraft: a notice becomes final by a waiver of appeal or when the appeal period ends.

The appeal period (one month, § 74 VwGO) starts when the notice is deemed delivered: the
fourth day after it was sent (§ 41 Abs. 2 VwVfG NRW); both are settings.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.permissions import is_member
from core.audit import audit_record
from core.errors import NotAllowed
from grants.models import Application, ApplicationStatus, NoticeKind


def appeal_period_end(application: Application) -> date | None:
    """The last day on which the approval notice can still be challenged."""
    notice = application.notices.filter(kind=NoticeKind.APPROVAL).order_by("-version").first()
    if notice is None:
        return None
    delivered = timezone.localdate(notice.issued_at) + timedelta(days=settings.NOTICE_DELIVERY_DAYS)
    return delivered + relativedelta(months=settings.APPEAL_PERIOD_MONTHS)


@transaction.atomic
def application_make_final(*, application: Application, on: date, user=None, via: str):
    """The approval becomes final (`via` is "waiver" or "appeal_period")."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.APPROVED:
        raise NotAllowed(_("Nur ein bewilligter Antrag kann bestandskräftig werden."))
    application.status = ApplicationStatus.FINAL
    application.final_on = on
    application.save(update_fields=["status", "final_on", "updated_at"])
    audit_record(
        actor=user,
        action=f"grants.application.final_by_{via}",
        obj=application,
        before={"status": ApplicationStatus.APPROVED},
        after={"status": application.status, "final_on": on},
    )
    return application


@transaction.atomic
def waiver_declare(*, application: Application, user) -> Application:
    """Rechtsbehelfsverzicht: a member of the organisation waives the right of appeal."""
    if not is_member(user, application.organisation):
        raise NotAllowed(_("Sie handeln nicht für diese Organisation."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.APPROVED:
        raise NotAllowed(_("Für diesen Antrag ist kein Rechtsbehelfsverzicht möglich."))
    now = timezone.now()
    application.waiver_declared_at, application.waiver_declared_by = now, user
    application.save(update_fields=["waiver_declared_at", "waiver_declared_by"])
    return application_make_final(
        application=application, on=timezone.localdate(now), user=user, via="waiver"
    )


def applications_past_appeal_period(today: date):
    """Approved applications whose appeal period has ended."""
    candidates = Application.objects.filter(status=ApplicationStatus.APPROVED).prefetch_related(
        "notices"
    )
    return [a for a in candidates if (end := appeal_period_end(a)) is not None and end < today]


@transaction.atomic
def application_mark_settled(*, application: Application, user, closed: bool) -> Application:
    """After the settlement: SETTLED while money still moves, CLOSED when nothing is open."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.FINAL:
        raise NotAllowed(_("Nur eine bestandskräftige Bewilligung kann festgesetzt werden."))
    status = ApplicationStatus.CLOSED if closed else ApplicationStatus.SETTLED
    return _set(application, status, user, "settled")


@transaction.atomic
def application_close(*, application: Application, user) -> Application:
    """Nothing is open any more: the refund is paid or waived, or the rest paid out."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (ApplicationStatus.SETTLED, ApplicationStatus.REVOKED):
        raise NotAllowed(_("Nur ein festgesetzter oder widerrufener Antrag kann enden."))
    return _set(application, ApplicationStatus.CLOSED, user, "closed")


def _set(application, status, user, action):
    before = {"status": application.status}
    application.status = status
    application.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=user,
        action=f"grants.application.{action}",
        obj=application,
        before=before,
        after={"status": status},
    )
    return application


@transaction.atomic
def application_revoke(*, application: Application, user, reasons: str) -> Application:
    """Widerruf of an approved grant (who may is checked by the caller)."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in (
        ApplicationStatus.APPROVED,
        ApplicationStatus.FINAL,
        ApplicationStatus.SETTLED,
    ):
        raise NotAllowed(_("Nur eine Bewilligung kann widerrufen werden."))
    before = {"status": application.status}
    application.status = ApplicationStatus.REVOKED
    application.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=user,
        action="grants.application.revoked",
        obj=application,
        before=before,
        after={"status": application.status, "reasons": reasons.strip()},
    )
    return application
