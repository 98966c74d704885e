"""Exports of the staff lists of payment requests and grants, exactly as filtered."""

from django.utils import timezone
from django.utils.translation import gettext as _

from budgeting.exports.ledger_sheets import open_commitment
from core.exports import DATE, MONEY, TEXT, Export

CHUNK_SIZE = 2000


def payments_export(filterset) -> Export:
    """The filtered payment requests in the list's order (organisation joined)."""
    return Export(
        title=_("Mittelabrufe"),
        header=[
            _("Aktenzeichen"),
            _("Organisation"),
            _("angefordert am"),
            _("Betrag"),
            _("Stand"),
            _("ausgezahlt am"),
        ],
        kinds=[TEXT, TEXT, DATE, MONEY, TEXT, DATE],
        rows=(
            [
                request.application.reference or "",
                request.application.organisation.name,
                timezone.localdate(request.requested_at),
                request.amount,
                str(request.get_status_display()),
                request.payout_date,
            ]
            for request in filterset.qs.iterator(chunk_size=CHUNK_SIZE)
        ),
    )


def grants_export(filterset) -> Export:
    """The filtered grants with their money from the ledger (see grants_for_staff)."""
    return Export(
        title=_("Bewilligungen"),
        header=[
            _("Aktenzeichen"),
            _("Projekt"),
            _("Organisation"),
            _("Förderprogramm"),
            _("Stand"),
            _("bewilligt am"),
            _("beantragt"),
            _("bewilligt (gebunden)"),
            _("ausgezahlt"),
            _("offene Bindung"),
            _("Rückflüsse"),
        ],
        kinds=[TEXT, TEXT, TEXT, TEXT, TEXT, DATE, MONEY, MONEY, MONEY, MONEY, MONEY],
        rows=(grant_row(grant) for grant in filterset.qs.iterator(chunk_size=CHUNK_SIZE)),
    )


def grant_row(grant) -> list:
    decision = getattr(grant, "decision", None)
    return [
        grant.reference or "",
        grant.title,
        grant.organisation.name,
        grant.call.programme.name,
        str(grant.get_status_display()),
        timezone.localdate(decision.decided_at) if decision else None,
        grant.requested_amount,
        grant.approved,
        grant.paid,
        open_commitment(grant.approved, grant.paid),
        grant.refunded,
    ]
