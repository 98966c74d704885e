"""Issuing notices (Bescheide): the PDF/A document, its row and the audit entry."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from grants.models import Application, Decision, Notice, NoticeKind
from grants.notices.render import render_notice_pdf
from grants.services.delivery import notice_delivery_prepare


@dataclass(frozen=True)
class RenderedNotice:
    """A notice laid out as PDF/A before it is issued (rendering is slow: never under a
    budget-line lock, STYLE.md habit 15)."""

    application_id: int
    kind: NoticeKind
    version: int
    issued_on: date
    pdf: bytes


def _locked_with_decision(application: Application) -> Application:
    # Locked: two notices for the same application are numbered one after the other.
    application = (
        Application.objects.select_for_update()
        .select_related("organisation", "call__programme")
        .get(pk=application.pk)
    )
    decision = Decision.objects.filter(application=application).first()
    if decision is None:
        raise ValueError(_("Ohne Entscheidung kann kein Bescheid erlassen werden."))
    application.decision = decision
    return application


def _next_version(application: Application, kind: NoticeKind) -> int:
    last = Notice.objects.filter(application=application, kind=kind).aggregate(v=Max("version"))
    return (last["v"] or 0) + 1


@transaction.atomic
def notice_render(
    *, application: Application, kind: NoticeKind, approved_amount: Decimal | None = None
) -> RenderedNotice:
    """Lay out the next version of the application's notice of `kind`, not yet issued.

    Takes the application's row lock, which the caller's transaction keeps, so that the
    version stays free until `notice_issue` stores it. Call it before any budget line is
    locked: the lines are then held for the booking only.
    """
    kind = NoticeKind(kind)
    application = _locked_with_decision(application)
    version = _next_version(application, kind)
    issued_on = timezone.localdate()
    pdf = render_notice_pdf(
        application=application,
        kind=kind,
        version=version,
        issued_on=issued_on,
        approved_amount=approved_amount,
    )
    return RenderedNotice(application.pk, kind, version, issued_on, pdf)


@transaction.atomic
def notice_issue(
    *,
    application: Application,
    kind: NoticeKind,
    user,
    approved_amount: Decimal | None = None,
    rendered: RenderedNotice | None = None,
) -> Notice:
    """Store the next version of the application's notice of `kind` (rendered now, or
    beforehand by `notice_render` in the same transaction).

    The first notice of a kind is version 1; each further one (Änderungsbescheid) the next.
    `approved_amount` is the grant the notice states (an Änderungsbescheid: the current
    amount); by default the decision's approved amount.
    Raises ValueError when the application has no decision, the decision does not fit `kind`,
    or `rendered` is not the next version of this application's notice of `kind`.
    """
    kind = NoticeKind(kind)
    if rendered is None:
        rendered = notice_render(
            application=application, kind=kind, approved_amount=approved_amount
        )
    application = _locked_with_decision(application)
    version = _next_version(application, kind)
    if (rendered.application_id, rendered.kind, rendered.version) != (
        application.pk,
        kind,
        version,
    ):
        raise ValueError(_("Der vorbereitete Bescheid passt nicht zu diesem Antrag."))
    pdf = rendered.pdf

    notice = Notice(application=application, kind=kind, version=version, issued_by=user)
    notice_delivery_prepare(notice=notice, organisation=application.organisation)
    notice.file.save(f"{kind.value}-v{version}.pdf", ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            notice.full_clean()
            notice.save()
            audit_record(
                actor=user,
                action="grants.notice.issued",
                obj=application,
                after={
                    "kind": kind.value,
                    "version": version,
                    "notice": notice.pk,
                    **({} if approved_amount is None else {"approved_amount": approved_amount}),
                },
            )
    except BaseException:
        notice.file.delete(save=False)  # nothing half-saved: no file without its row
        raise
    return notice
