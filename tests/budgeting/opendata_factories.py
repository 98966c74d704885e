"""Decided grants for the open-data tests, with decisions and ledger entries written directly
(the flow itself is tested elsewhere)."""

import datetime
import itertools
from decimal import Decimal

from django.utils import timezone

from budgeting.models import LedgerEntry, LedgerEntryKind
from core.models import District
from grants.models import ApplicationStatus, Decision, DecisionOutcome
from tests.budgeting.factories import BudgetLineFactory
from tests.factories import ApplicationFactory, UserFactory

_numbers = itertools.count(1)
DECIDED_ON = datetime.date(2026, 3, 2)


def decided_at(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 30)))


def grant(
    *,
    status=ApplicationStatus.FINAL,
    consent=True,
    outcome=DecisionOutcome.APPROVED,
    approved="8000.00",
    decided_on=DECIDED_ON,
    paid=(),
    refunded=(),
    districts=(0,),
    **kwargs,
):
    """An application with a reference, a decision on `decided_on` and the given payouts and
    refunds in the ledger; `districts` are district numbers."""
    application = ApplicationFactory(
        status=status,
        publication_consent=consent,
        reference=f"ZI-{decided_on.year}-{next(_numbers):04d}",
        districts=list(District.objects.filter(number__in=districts)),
        **kwargs,
    )
    decider = UserFactory()
    Decision.objects.create(
        application=application,
        outcome=outcome,
        approved_amount=Decimal(approved),
        decided_by=decider,
    )
    Decision.objects.filter(application=application).update(decided_at=decided_at(decided_on))
    if paid or refunded:
        line = BudgetLineFactory(programme=application.call.programme, year=decided_on.year)
        for kind, amounts in ((LedgerEntryKind.PAYOUT, paid), (LedgerEntryKind.REFUND, refunded)):
            for amount in amounts:
                LedgerEntry.objects.create(
                    budget_line=line,
                    application=application,
                    kind=kind,
                    amount=Decimal(amount),
                    booked_by=decider,
                )
    return application
