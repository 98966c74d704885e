"""Mittelabruf and Auszahlung (DOMAIN.md rule 3): requested in the portal, signed off by three
people (§ 31 KomHVO NRW), booked in the ledger pro rata on the grant's commitments."""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import BankAccount
from applicants.permissions import is_member
from budgeting.balances import grant_balances
from budgeting.models import (
    OPEN_PAYMENT_STATUSES,
    LedgerEntry,
    LedgerEntryKind,
    PaymentRequest,
    PaymentRequestStatus,
)
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


def first_request_day(project_start: date) -> date:
    """The first day whose two-month window (ANBest-P 1.4) reaches the project start."""
    try:
        day = project_start - SPEND_WITHIN
    except (OverflowError, ValueError):
        return date.min
    while spend_by(day) < project_start:  # 30 April − 2 months + 2 months is 28 April
        day += timedelta(days=1)
    return day


@dataclass(frozen=True)
class YearFunds:
    """What a grant has bound in one fiscal year and what of it has been paid."""

    year: int
    committed: Decimal
    paid: Decimal

    @property
    def open(self) -> Decimal:
        return self.committed - self.paid


def _open_lines(application: Application) -> list[tuple]:
    """Each line carrying a net commitment of the grant, with committed and paid on it."""
    paid = dict(
        LedgerEntry.objects.filter(application=application, kind=LedgerEntryKind.PAYOUT)
        .values_list("budget_line")
        .annotate(total=Sum("amount"))
    )
    return [
        (line, line.application_committed, paid.get(line.pk, ZERO))
        for line in commitments_of(application)
    ]


def commitments_by_year(application: Application) -> list[YearFunds]:
    """The grant's commitments per fiscal year, oldest first (the year split of annuality)."""
    years: dict[int, tuple[Decimal, Decimal]] = {}
    for line, committed, paid in _open_lines(application):
        before = years.get(line.year, (ZERO, ZERO))
        years[line.year] = (before[0] + committed, before[1] + paid)
    return [YearFunds(year, *years[year]) for year in sorted(years)]


def _year_split(years: list[YearFunds]) -> str:
    parts = []
    for funds in years:
        text = f"{funds.year}: {format_euro(funds.committed)}"
        if funds.paid > ZERO:
            text += " " + _("(davon ausgezahlt %(paid)s)") % {"paid": format_euro(funds.paid)}
        parts.append(text)
    return ", ".join(parts) or _("keine")


def annuality_refusal(application: Application, amount: Decimal, *, year: int) -> str | None:
    """Why a payout of `amount` paid in `year` cannot draw on that year's commitments, or None
    (Jährlichkeit: a payout draws only on the open commitments of the year it is paid in)."""
    years = commitments_by_year(application)
    funds = next((f for f in years if f.year == year), None)
    open_amount = funds.open if funds else ZERO
    if open_amount > ZERO and amount <= open_amount:
        return None
    if open_amount <= ZERO:
        head = _("Für %(year)s sind keine Mittel dieser Zuwendung (mehr) gebunden.") % {
            "year": year
        }
    else:
        head = _("Für %(year)s sind noch %(open)s gebunden; der Abruf braucht %(amount)s.") % {
            "year": year,
            "open": format_euro(open_amount),
            "amount": format_euro(amount),
        }
    return " ".join(
        [
            head,
            _("Bindungen dieser Zuwendung: %(split)s.") % {"split": _year_split(years)},
            _("Eine andere Aufteilung auf die Jahre ist nur mit einem Änderungsbescheid möglich."),
        ]
    )


def payment_request_refusal(
    application: Application, amount: Decimal, *, today: date
) -> str | None:
    """Why the amount cannot be requested now, or None (rule 3, ANBest-P 1.4, annuality).

    The request is expected to be paid this year, so it must fit this year's commitments."""
    if application.status != ApplicationStatus.FINAL:
        return _(
            "Mittel können erst abgerufen werden, wenn der Bescheid bestandskräftig ist "
            "(Rechtsbehelfsverzicht oder Ablauf der Rechtsbehelfsfrist)."
        )
    if application.project_start and today < first_request_day(application.project_start):
        return _(
            "Mittel dürfen nur abgerufen werden, soweit sie innerhalb von zwei Monaten gebraucht "
            "werden. Das Projekt beginnt am %(start)s; ein Abruf ist frühestens am %(first)s "
            "möglich."
        ) % {
            "start": format_date(application.project_start),
            "first": format_date(first_request_day(application.project_start)),
        }
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
    return annuality_refusal(application, amount, year=today.year)


def open_request_with_amount(application: Application, amount: Decimal) -> PaymentRequest | None:
    """An open payment request of the grant over the same amount (a second one is confirmed)."""
    return (
        PaymentRequest.objects.filter(
            application=application, amount=amount, status__in=OPEN_PAYMENT_STATUSES
        )
        .order_by("requested_at", "pk")
        .first()
    )


@transaction.atomic
def payment_request_create(
    *,
    application: Application,
    user,
    amount: Decimal,
    needed_within_two_months: bool,
    purpose: str,
    confirm_duplicate: bool = False,
) -> PaymentRequest:
    """The applicant requests an instalment; a second open one over the same amount only when
    confirmed (a double click or a copy is the usual cause)."""
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
    duplicate = open_request_with_amount(application, amount)
    if duplicate is not None and not confirm_duplicate:
        raise ValidationError(
            {
                "confirm_duplicate": _(
                    "Ein Mittelabruf über %(amount)s vom %(day)s ist noch in Bearbeitung. "
                    "Wenn Sie wirklich einen weiteren Abruf über denselben Betrag senden "
                    "möchten, bestätigen Sie das bitte."
                )
                % {"amount": format_euro(amount), "day": format_date(duplicate.requested_at)}
            }
        )
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


def payout_lines(application: Application, year: int) -> list[tuple]:
    """The lines a payout in `year` draws on, with what is still open on each (committed −
    paid): only that year's commitments (annuality), pro rata."""
    return [
        (line, committed - paid)
        for line, committed, paid in _open_lines(application)
        if line.year == year and committed - paid > ZERO
    ]


def payout_date_window(today: date) -> tuple[date, date]:
    """The earliest and latest payout date of a release made today (settings)."""
    return (
        today - timedelta(days=settings.PAYOUT_DATE_DAYS_BEFORE),
        today + timedelta(days=settings.PAYOUT_DATE_DAYS_AFTER),
    )


def payout_date_refusal(application: Application, payout_date: date, *, today: date) -> str | None:
    """Why the payout date cannot be booked by a release made today, or None: at most a few
    days back, at most a due date two weeks ahead, and in a year the grant has commitments in."""
    earliest, latest = payout_date_window(today)
    if not earliest <= payout_date <= latest:
        return _(
            "Der Auszahlungstag muss zwischen dem %(earliest)s und dem %(latest)s liegen "
            "(höchstens %(before)s Tage vor und %(after)s Tage nach der Anordnung)."
        ) % {
            "earliest": format_date(earliest),
            "latest": format_date(latest),
            "before": settings.PAYOUT_DATE_DAYS_BEFORE,
            "after": settings.PAYOUT_DATE_DAYS_AFTER,
        }
    years = [funds.year for funds in commitments_by_year(application)]
    if payout_date.year not in years:
        return _(
            "Im Haushaltsjahr %(year)s hat diese Zuwendung keine Bindungen; auszahlen lässt sie "
            "sich nur in einem Jahr mit Bindungen (%(years)s)."
        ) % {
            "year": payout_date.year,
            "years": ", ".join(str(year) for year in years) or _("keine"),
        }
    return None


def payee_account(application: Application) -> BankAccount | None:
    """The organisation's confirmed account, the one a release pays to."""
    return BankAccount.objects.filter(organisation_id=application.organisation_id).first()


@transaction.atomic
def payment_release(*, request: PaymentRequest, user, payout_date: date) -> PaymentRequest:
    """Anordnung: a third person; the payout is booked pro rata on the commitments of the
    payout's year, and the account as it stands now is stored with the request."""
    application = lock_application(request.application)
    request = _locked_request(request, PaymentRequestStatus.ARITHMETIC_OK)
    if user.pk in (request.factual_by_id, request.arithmetic_by_id):
        raise NotAllowed(
            _("Die Anordnung muss eine dritte Person treffen, die nicht gezeichnet hat.")
        )
    reason = payout_date_refusal(application, payout_date, today=timezone.localdate())
    if reason:
        raise ValidationError({"payout_date": reason})
    account = payee_account(application)
    if account is None:
        raise ValidationError(
            _(
                "Für %(organisation)s ist keine Bankverbindung hinterlegt; die Auszahlung kann "
                "nicht angeordnet werden."
            )
            % {"organisation": application.organisation.name}
        )
    balances = grant_balances(application)
    if request.amount > balances.approved - balances.paid:
        raise ValidationError(
            _("Der Betrag übersteigt die noch offene Bewilligung von %(open)s.")
            % {"open": format_euro(balances.approved - balances.paid)}
        )
    reason = annuality_refusal(application, request.amount, year=payout_date.year)
    if reason:
        raise ValidationError(reason)
    lines = payout_lines(application, payout_date.year)
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
    request.payee_holder = account.holder or application.organisation.name
    request.payee_iban, request.payee_bic = account.iban, account.bic
    request.save(
        update_fields=[
            "status",
            "released_by",
            "released_at",
            "payout_date",
            "spend_by",
            "payee_holder",
            "payee_iban",
            "payee_bic",
        ]
    )
    _record(
        request,
        user,
        "released",
        payout_date=payout_date,
        spend_by=request.spend_by,
        payee_iban=request.payee_iban,
    )
    return request
