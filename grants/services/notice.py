"""Issuing notices (Bescheide): the PDF/A document, its row and the audit entry."""

from decimal import Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from grants.models import Application, Decision, Notice, NoticeKind
from grants.notices.render import render_notice_pdf


@transaction.atomic
def notice_issue(
    *, application: Application, kind: NoticeKind, user, approved_amount: Decimal | None = None
) -> Notice:
    """Render and store the next version of the application's notice of `kind`.

    The first notice of a kind is version 1; each further one (Änderungsbescheid) the next.
    `approved_amount` is the grant the notice states (an Änderungsbescheid: the current
    amount); by default the decision's approved amount.
    Raises ValueError when the application has no decision or the decision does not fit `kind`.
    """
    kind = NoticeKind(kind)
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

    last = Notice.objects.filter(application=application, kind=kind).aggregate(v=Max("version"))
    version = (last["v"] or 0) + 1
    pdf = render_notice_pdf(
        application=application,
        kind=kind,
        version=version,
        issued_on=timezone.localdate(),
        approved_amount=approved_amount,
    )

    notice = Notice(application=application, kind=kind, version=version, issued_by=user)
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
