"""Grants for the portfolio tests, made directly (no flow): a decision in a given year, the
bookings in the ledger, indicators, and reports with actuals."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from budgeting.models import BudgetLine, LedgerEntryKind
from budgeting.services.ledger import ledger_book
from budgeting.services.locks import lock_lines
from core.models import District
from grants.models import Application, Decision, DecisionOutcome, ReportKind, ReportStatus
from tests.budgeting.factories import BudgetLineFactory
from tests.factories import ApplicationFactory
from tests.grants.indicator_factories import ApplicationIndicatorFactory, IndicatorActualFactory
from tests.grants.report_factories import ReportFactory

BERLIN = ZoneInfo("Europe/Berlin")
BOOKINGS = (
    ("approved", LedgerEntryKind.COMMITMENT),
    ("released", LedgerEntryKind.RELEASE),
    ("paid", LedgerEntryKind.PAYOUT),
    ("refunded", LedgerEntryKind.REFUND),
)


def district(number: int) -> District:
    return District.objects.get(number=number)


def _line(programme, year: int) -> BudgetLine:
    line = BudgetLine.objects.filter(programme=programme, year=year).first()
    return line or BudgetLineFactory(
        programme=programme, year=year, appropriation=Decimal("1000000.00")
    )


def grant(call, user, *, year=2026, districts=(0,), status="final", **amounts) -> Application:
    """A grant of the call decided on 15 June of `year`, with the given bookings (approved,
    released, paid, refunded; approved defaults to 5,000.00 €) and organisation if given."""
    organisation = amounts.pop("organisation", None)
    extra = {"organisation": organisation} if organisation else {}
    application = ApplicationFactory(
        call=call, plan=False, districts=[district(n) for n in districts], **extra
    )
    Application.objects.filter(pk=application.pk).update(
        status=status, reference=f"ZI-{year}-{application.pk:04d}"
    )
    decision = Decision.objects.create(
        application=application,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=Decimal(amounts.get("approved", "5000.00")),
        decided_by=user,
    )
    moment = datetime.datetime(year, 6, 15, 10, 0, tzinfo=BERLIN)
    Decision.objects.filter(pk=decision.pk).update(decided_at=moment)
    line = _line(call.programme, year)
    amounts.setdefault("approved", "5000.00")
    for name, kind in BOOKINGS:
        if Decimal(amounts.get(name, "0")):
            ledger_book(
                line=lock_lines([line.pk])[line.pk],
                application=application,
                kind=kind,
                amount=Decimal(amounts[name]),
                user=user,
                note="Test",
            )
    return Application.objects.get(pk=application.pk)


def report(application, *, status=ReportStatus.ACCEPTED, interim_days=None, actuals=()):
    """The final report of the grant, or with `interim_days` an interim report whose period
    ends that many days after the project start, with (application indicator, value, status)
    actuals."""
    extra = {}
    if interim_days is not None:
        end = application.project_start + datetime.timedelta(days=interim_days)
        extra = {"kind": ReportKind.INTERIM, "period_end": end, "due_on": end}
    made = ReportFactory(application=application, status=status, **extra)
    for chosen, value, state in actuals:
        IndicatorActualFactory(
            report=made,
            application_indicator=chosen,
            value=None if value is None else Decimal(value),
            status=state,
        )
    return made


def chooses(application, indicator, target="25"):
    return ApplicationIndicatorFactory(
        application=application,
        indicator=indicator,
        target=None if target is None else Decimal(target),
    )
