"""Reviewed applications of a call for the ranking tests: single reviews and complete panels."""

import datetime
from decimal import Decimal

from django.contrib.auth.models import Group
from django.utils import timezone

from budgeting.models import LedgerEntry, LedgerEntryKind
from core.services import roles_ensure
from grants.models import ApplicationStatus, PanelSeat, Recommendation, Review, ReviewMode
from grants.services.procedure import case_procedure_fix
from tests.budgeting.factories import BudgetLineFactory
from tests.factories import ApplicationFactory, CallFactory, ProgrammeFactory, UserFactory

YEAR = 2026
START = timezone.make_aware(datetime.datetime(YEAR, 1, 5, 9, 0))


def ranked_call(*, panel: bool = False, free: str = "20000.00", **programme):
    """A call for projects in 2026 whose programme has one 2026 line with `free` money."""
    if panel:
        programme.update(
            review_mode=ReviewMode.PANEL, panel_size=3, spread_threshold=Decimal("1.00")
        )
    call = CallFactory(
        programme=ProgrammeFactory(**programme),
        project_start_earliest=datetime.date(YEAR, 1, 1),
        project_end_latest=datetime.date(YEAR, 12, 31),
    )
    BudgetLineFactory(programme=call.programme, year=YEAR, appropriation=Decimal(free))
    return call


def submitted(call, *, requested="8000.00", minute=0, status=ApplicationStatus.IN_REVIEW, **kw):
    """An application of the call in review, submitted `minute` minutes after START."""
    return ApplicationFactory(
        call=call,
        status=status,
        submitted_at=START + datetime.timedelta(minutes=minute),
        requested_amount=Decimal(requested),
        procedure=case_procedure_fix(programme=call.programme),
        **kw,
    )


def reviewed(call, score, *, amount=None, recommendation=Recommendation.APPROVE, **kw):
    """An application of the call with a single review of `score` points."""
    application = submitted(call, **kw)
    Review.objects.create(
        application=application,
        reviewer=UserFactory(),
        assessment="Schlüssiges Konzept.",
        recommendation=recommendation,
        recommended_amount=None if amount is None else Decimal(amount),
        no_conflict_of_interest=True,
        weighted_total=Decimal(score),
    )
    return application


def seat(application, total=None, amount=None):
    """A seat of the application's panel, submitted with `total` points unless None."""
    return PanelSeat.objects.create(
        application=application,
        reviewer=UserFactory(),
        assigned_by=UserFactory(),
        weighted_total=None if total is None else Decimal(total),
        recommendation=Recommendation.APPROVE if total is not None else "",
        recommended_amount=None if amount is None else Decimal(amount),
        submitted_at=timezone.now() if total is not None else None,
        no_conflict_of_interest=total is not None,
    )


def judged(call, totals, *, amounts=(None, None, None), **kw):
    """An application of a panel call whose seats were submitted with these totals."""
    application = submitted(call, **kw)
    for total, amount in zip(totals, amounts, strict=False):
        seat(application, total, amount)
    return application


def commit(call, amount):
    """Bind `amount` on the call's line for a granted application (less free money)."""
    line = call.programme.budget_lines.get()
    grant = submitted(call, status=ApplicationStatus.APPROVED)
    return LedgerEntry.objects.create(
        budget_line=line,
        application=grant,
        kind=LedgerEntryKind.COMMITMENT,
        amount=Decimal(amount),
        booked_by=UserFactory(),
    )


def staff_in(role: str):
    """A person of staff in the given role group."""
    roles_ensure()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user
