"""Widerruf: Bewilligung revokes a grant with reasons; what was paid is claimed back."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgeting.balances import grant_balances
from budgeting.models import OPEN_PAYMENT_STATUSES, RefundReason
from budgeting.services.ledger import budget_release
from budgeting.services.payout import payment_return
from budgeting.services.refund import last_payout_date, refund_claim_create
from core.errors import NotAllowed
from core.money import ZERO
from core.roles import APPROVER
from grants.permissions import staff_refusal
from grants.services.finality import application_revoke
from workflow.payout.flow import PayoutFlow
from workflow.selectors import payout_process_of


@transaction.atomic
def grant_revoke(*, application, user, reasons: str):
    """Revoke: open payment requests end, the commitment is released, the payouts are claimed
    back with interest (§ 49a VwVfG) through a refund notice."""
    reason = staff_refusal(user, application, APPROVER)
    if reason:
        raise NotAllowed(reason)
    if not reasons.strip():
        raise ValidationError({"reasons": _("Bitte begründen Sie den Widerruf.")})
    application = application_revoke(application=application, user=user, reasons=reasons)
    for request in application.payment_requests.filter(status__in=OPEN_PAYMENT_STATUSES):
        payment_return(request=request, user=user, reason=_("Die Bewilligung wurde widerrufen."))
        PayoutFlow.instance.cancel(payout_process_of(request))
    paid = grant_balances(application).paid
    budget_release(application=application, user=user, note=_("Widerruf"))
    if paid > ZERO:
        refund_claim_create(
            application=application,
            user=user,
            reason=RefundReason.REVOCATION,
            amount=paid,
            explanation=_("Die Bewilligung ist widerrufen. Gründe: %(reasons)s")
            % {"reasons": reasons.strip()},
            interest_from=last_payout_date(application),
        )
    return application
