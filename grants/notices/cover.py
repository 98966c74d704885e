"""The cover note of a notice: the notice itself stays German (the binding text); the note
says in the reader's language what it decides (outcome, amount, date)."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.utils import timezone

from core.languages import NOTICE_LANGUAGE
from core.models import AuditEntry
from grants.models import Application, DecisionOutcome, Notice, NoticeKind

ISSUED = "grants.notice.issued"


@dataclass(frozen=True)
class NoticeCover:
    notice: Notice
    outcome: str
    amount: Decimal | None  # the grant the notice states; None for a rejection
    issued_on: date
    language: str = NOTICE_LANGUAGE

    @property
    def is_rejection(self) -> bool:
        return self.notice.kind == NoticeKind.REJECTION

    @property
    def is_change(self) -> bool:
        return not self.is_rejection and self.notice.version > 1

    @property
    def is_partial(self) -> bool:
        return self.outcome == DecisionOutcome.PARTIAL


def notice_covers(application: Application) -> list[NoticeCover]:
    """A cover note per notice of the application, in the order of application.notices."""
    notices = list(application.notices.all())
    if not notices:
        return []
    stated = _stated_amounts(application)
    return [_cover(application, notice, stated) for notice in notices]


def notice_cover(notice: Notice) -> NoticeCover:
    return _cover(notice.application, notice, _stated_amounts(notice.application))


def _cover(application, notice, stated) -> NoticeCover:
    try:
        decision = application.decision
    except ObjectDoesNotExist:
        decision = None
    outcome = decision.outcome if decision else DecisionOutcome.REJECTED
    amount = None
    if notice.kind == NoticeKind.APPROVAL:
        amount = stated.get(notice.pk, decision.approved_amount if decision else None)
    return NoticeCover(
        notice=notice,
        outcome=outcome,
        amount=amount,
        issued_on=timezone.localdate(notice.issued_at),
    )


def _stated_amounts(application) -> dict[int, Decimal]:
    """The amount each notice stated when it differs from the decision (Änderungsbescheid),
    as its audit entry recorded it."""
    entries = AuditEntry.objects.for_object(application).filter(action=ISSUED)
    return {
        entry.after["notice"]: Decimal(str(entry.after["approved_amount"]))
        for entry in entries
        if "approved_amount" in entry.after and "notice" in entry.after
    }
