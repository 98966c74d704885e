"""Bestandskraft: a notice becomes final by a waiver of appeal or when the appeal period ends.

The appeal period (one month, § 74 VwGO) starts when the approval notice was delivered
(Notice.delivered_on: by post, by retrieval in the portal or handed over; see
grants.services.delivery); its end is computed in grants.deadlines. A notice not yet
delivered has no appeal period: the grant does not become final by lapse.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.permissions import is_member
from core.audit import audit_record
from core.errors import NotAllowed
from grants import deadlines
from grants.models import Application, ApplicationStatus, Notice, NoticeKind


def approval_notice(application: Application) -> Notice | None:
    """The newest approval notice (an Änderungsbescheid replaces the first one)."""
    notices = [n for n in application.notices.all() if n.kind == NoticeKind.APPROVAL]
    return max(notices, key=lambda notice: notice.version, default=None)


def appeal_period_end(application: Application) -> date | None:
    """The last day on which the approval notice can still be challenged; None while it has
    not been delivered (or there is none)."""
    notice = approval_notice(application)
    if notice is None or notice.delivered_on is None:
        return None
    return deadlines.appeal_period_end(notice.delivered_on)


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
    """Approved applications whose approval notice was delivered and whose appeal period
    ended before `today` (final from the day after the end)."""
    candidates = (
        Application.objects.filter(
            status=ApplicationStatus.APPROVED,
            notices__kind=NoticeKind.APPROVAL,
            notices__delivered_on__isnull=False,
        )
        .distinct()
        .prefetch_related("notices")
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
