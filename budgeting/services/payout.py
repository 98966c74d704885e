"""Mittelabruf and Auszahlung (DOMAIN.md rule 3): requested in the portal, signed off by three
people (§ 31 KomHVO NRW), booked in the ledger pro rata on the grant's commitments."""

from datetime import date
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.permissions import is_member
from budgeting.balances import grant_balances
from budgeting.models import LedgerEntry, LedgerEntryKind, PaymentRequest, PaymentRequestStatus
from budgeting.selectors import commitments_of
from core.audit import audit_record
from core.errors import NotAllowed
from core.formatting import format_date, format_euro
from core.money import ZERO, split_money
from grants.models import Application, ApplicationStatus

from .ledger import ledger_book
from .locks import lock_application, lock_lines

SPEND_WITHIN = relativedelta(months=2)


def spend_by(payout_date: date) -> date:
    """Two months after the payout; 31 December + 2 months is the end of February."""
    return payout_date + SPEND_WITHIN


def payment_request_refusal(
    application: Application, amount: Decimal, *, today: date
) -> str | None:
    """Why the amount cannot be requested now, or None (rule 3)."""
    if application.status != ApplicationStatus.FINAL:
        return _(
            "Mittel können erst abgerufen werden, wenn der Bescheid bestandskräftig ist "
            "(Rechtsbehelfsverzicht oder Ablauf der Rechtsbehelfsfrist)."
        )
    if application.project_end and today > application.project_end:
        return _(
            "Der Bewilligungszeitraum endete am %(day)s; ein Abruf ist nicht mehr möglich."
        ) % {"day": format_date(application.project_end)}
    balances = grant_balances(application)
    if amount > balances.remaining:
        return _(
            "Höchstens %(remaining)s können abgerufen werden (bewilligt %(approved)s, ausgezahlt "
            "%(paid)s, bereits angefordert %(open)s)."
        ) % {
            "remaining": format_euro(balances.remaining),
            "approved": format_euro(balances.approved),
            "paid": format_euro(balances.paid),
            "open": format_euro(balances.requested_open),
        }
    return None


@transaction.atomic
def payment_request_create(
    *, application: Application, user, amount: Decimal, needed_within_two_months: bool, purpose: str
) -> PaymentRequest:
    """The applicant requests an instalment."""
    if not is_member(user, application.organisation):
        raise NotAllowed(_("Sie handeln nicht für diese Organisation."))
    application = lock_application(application)
    if not needed_within_two_months:
        raise ValidationError(
            {
                "needed_within_two_months": _(
                    "Sie dürfen nur so viel abrufen, wie Sie innerhalb von zwei Monaten nach der "
                    "Auszahlung ausgeben. Bitte bestätigen Sie das."
                )
            }
        )
    reason = payment_request_refusal(application, amount, today=timezone.localdate())
    if reason:
        raise ValidationError({"amount": reason})
    request = PaymentRequest(
        application=application,
        amount=amount,
        needed_within_two_months=True,
        purpose=purpose,
        requested_by=user,
    )
    request.full_clean()
    request.save()
    audit_record(
        actor=user,
        action="budgeting.payment.requested",
        obj=application,
        after={"payment_request": request.pk, "amount": amount},
    )
    return request


@transaction.atomic
def payment_request_for_rest(*, application: Application, user, amount: Decimal) -> PaymentRequest:
    """After the settlement the rest of the final grant is paid out (signed off as usual)."""
    request = PaymentRequest(
        application=application,
        amount=amount,
        needed_within_two_months=True,
        purpose=_("Restzahlung nach der Schlussfestsetzung"),
        requested_by=user,
    )
    request.full_clean()
    request.save()
    _record(request, user, "requested")
    return request


def _locked_request(request: PaymentRequest, status: str) -> PaymentRequest:
    request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != status:
        raise NotAllowed(
            _("Der Mittelabruf ist im Stand „%(status)s“.")
            % {"status": request.get_status_display()}
        )
    return request


def _record(request, user, action, **after):
    audit_record(
        actor=user,
        action=f"budgeting.payment.{action}",
        obj=request.application,
        after={"payment_request": request.pk, "amount": request.amount, **after},
    )


@transaction.atomic
def payment_return(*, request: PaymentRequest, user, reason: str) -> PaymentRequest:
    """Any of the three sends the request back with a reason; the applicant may ask again."""
    if not reason.strip():
        raise ValidationError({"reason": _("Bitte nennen Sie den Grund der Rückgabe.")})
    request = PaymentRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise NotAllowed(_("Dieser Mittelabruf ist bereits abgeschlossen."))
    request.status = PaymentRequestStatus.RETURNED
    request.returned_by = user
    request.returned_reason = reason.strip()
    request.save(update_fields=["status", "returned_by", "returned_reason"])
    _record(request, user, "returned", reason=request.returned_reason)
    return request


@transaction.atomic
def payment_factual_signoff(*, request: PaymentRequest, user) -> PaymentRequest:
    """Sachlich richtig."""
    request = _locked_request(request, PaymentRequestStatus.REQUESTED)
    request.status = PaymentRequestStatus.FACTUAL_OK
    request.factual_by, request.factual_at = user, timezone.now()
    request.save(update_fields=["status", "factual_by", "factual_at"])
    _record(request, user, "factual_ok")
    return request


@transaction.atomic
def payment_arithmetic_signoff(*, request: PaymentRequest, user) -> PaymentRequest:
    """Rechnerisch richtig: a different person than the factual sign-off."""
    request = _locked_request(request, PaymentRequestStatus.FACTUAL_OK)
    if user.pk == request.factual_by_id:
        raise NotAllowed(_("Sie haben bereits sachlich richtig gezeichnet."))
    request.status = PaymentRequestStatus.ARITHMETIC_OK
    request.arithmetic_by, request.arithmetic_at = user, timezone.now()
    request.save(update_fields=["status", "arithmetic_by", "arithmetic_at"])
    _record(request, user, "arithmetic_ok")
    return request


def payout_lines(application: Application, year: int, amount: Decimal) -> list[tuple]:
    """The lines a payout draws on, with what is still open on each (committed − paid):
    the commitments of the payout's year, pro rata; all lines where that year's open
    commitments do not cover the amount."""
    paid = dict(
        LedgerEntry.objects.filter(application=application, kind=LedgerEntryKind.PAYOUT)
        .values_list("budget_line")
        .annotate(total=Sum("amount"))
    )
    lines = [
        (line, line.application_committed - paid.get(line.pk, ZERO))
        for line in commitments_of(application)
    ]
    lines = [(line, open_amount) for line, open_amount in lines if open_amount > ZERO]
    current = [item for item in lines if item[0].year == year]
    return current if sum((o for _l, o in current), ZERO) >= amount else lines


@transaction.atomic
def payment_release(*, request: PaymentRequest, user, payout_date: date) -> PaymentRequest:
    """Anordnung: a third person; the payout is booked pro rata on the grant's commitments."""
    application = lock_application(request.application)
    request = _locked_request(request, PaymentRequestStatus.ARITHMETIC_OK)
    if user.pk in (request.factual_by_id, request.arithmetic_by_id):
        raise NotAllowed(
            _("Die Anordnung muss eine dritte Person treffen, die nicht gezeichnet hat.")
        )
    balances = grant_balances(application)
    if request.amount > balances.approved - balances.paid:
        raise ValidationError(
            _("Der Betrag übersteigt die noch offene Bewilligung von %(open)s.")
            % {"open": format_euro(balances.approved - balances.paid)}
        )
    lines = payout_lines(application, payout_date.year, request.amount)
    parts = split_money(request.amount, [open_amount for _line, open_amount in lines])
    locked = lock_lines(line.pk for line, _open in lines)
    for (line, _open), part in zip(lines, parts, strict=True):
        if part > ZERO:
            ledger_book(
                line=locked[line.pk],
                application=application,
                kind=LedgerEntryKind.PAYOUT,
                amount=part,
                user=user,
                note=_("Auszahlung Mittelabruf %(pk)s") % {"pk": request.pk},
                payment_request=request,
            )
    request.status = PaymentRequestStatus.RELEASED
    request.released_by, request.released_at = user, timezone.now()
    request.payout_date, request.spend_by = payout_date, spend_by(payout_date)
    request.save(update_fields=["status", "released_by", "released_at", "payout_date", "spend_by"])
    _record(request, user, "released", payout_date=payout_date, spend_by=request.spend_by)
    return request
