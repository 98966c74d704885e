"""The lifecycle of `make bench`: one case after another through the real services, as the
demo walks them (workflow.demo.case_advance), against the bare viewflow flow's processes/s.

A case: draft with cost and financing plan, indicators and the required documents →
submission (process starts) → formal check → review ∥ budget check → approval with the
budget commitment and the PDF/A notice → finality by waiver → payout request with three
sign-offs → the first report handed in with its indicator values."""

import time
from dataclasses import dataclass, replace
from decimal import Decimal
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from applicants.models import Organisation
from bench.harness.bare_flow import bare_process
from budgeting.models import BudgetLine
from budgeting.services import ledger
from grants.demo.application_data import APPLICATIONS
from grants.demo.applications import application_ensure
from grants.demo.organisations import ORGANISATIONS
from grants.demo.people import APPLICANT_EMAIL
from grants.demo.programmes import NEIGHBOURHOOD
from grants.notices.render import render_notice_pdf
from grants.selectors import calls_open
from grants.services import notice as notice_service
from workflow.application.case import case_submit
from workflow.demo import case_advance, demo_staff

# A case of the standard path (one review, Bewilligung, full proof of use): the demo's small
# grants take the light track since programmes have procedures.
SPEC = next(
    spec
    for spec in APPLICATIONS
    if spec.submit and spec.programme == NEIGHBOURHOOD and spec.organisation == 1
)


@dataclass
class LifecycleResult:
    cases: int
    ours_seconds: float
    bare: int
    bare_seconds: float
    notice_seconds: float  # of ours: laying out the PDF/A notices
    lock_holds: list[float]  # seconds each approval held its budget lines (lock to commit)

    @property
    def notice_share(self) -> float:
        return self.notice_seconds / self.ours_seconds

    @property
    def ours_rate(self) -> float:
        return self.cases / self.ours_seconds

    @property
    def bare_rate(self) -> float:
        return self.bare / self.bare_seconds

    @property
    def ratio(self) -> float:
        return self.ours_rate / self.bare_rate


def _room_in_budget(call, amount: Decimal) -> None:
    """Enough free money for every benchmark case on a line of the call's programme in the
    year the cases start (the seed leaves the lines nearly bound): a higher appropriation and
    VE."""
    start = timezone.localdate() + relativedelta(months=SPEC.start_in_months)
    line = (
        BudgetLine.objects.filter(programme=call.programme, year=start.year).order_by("pk").first()
    )
    line.appropriation += amount
    # next year's line (in December): the VE must cover the commitments made this year
    line.future_authorisation += amount
    line.save(update_fields=["appropriation", "future_authorisation"])


def lifecycle(cases: int, bare: int) -> LifecycleResult:
    staff = demo_staff()
    member = get_user_model().objects.get(email=APPLICANT_EMAIL)
    organisation = Organisation.objects.get(name=ORGANISATIONS[SPEC.organisation].name)
    call = next(call for call in calls_open() if call.programme.name == SPEC.programme)
    _room_in_budget(call, Decimal(SPEC.requested) * (cases + 2))
    stamp = f"{time.time():.0f}"

    def one_case(number: int):
        spec = replace(SPEC, title=f"{SPEC.title} (Lauf {stamp}-{number})", like=SPEC.title)
        application, _created = application_ensure(
            spec,
            organisation=organisation,
            call=call,
            user=member,
            today=timezone.localdate(),
            submit=case_submit,
        )
        case_advance(application, "approved", staff)

    one_case(0)  # warm-up: templates, fonts of the notice, caches
    bare_process(staff["releaser"])
    notices = NoticeTimer()
    locks = LockTimer()
    started = time.perf_counter()
    with (
        patch.object(notice_service, "render_notice_pdf", notices.wrap(render_notice_pdf)),
        patch.object(ledger, "lock_lines", locks.wrap(ledger.lock_lines)),
    ):
        for number in range(1, cases + 1):
            one_case(number)
    ours = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(bare):
        bare_process(staff["releaser"])
    return LifecycleResult(
        cases, ours, bare, time.perf_counter() - started, notices.seconds, locks.holds
    )


class NoticeTimer:
    """Adds up the time spent rendering notices (the benchmark's own measurement)."""

    def __init__(self):
        self.seconds = 0.0

    def wrap(self, render):
        def timed(*args, **kwargs):
            started = time.perf_counter()
            try:
                return render(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - started

        return timed


class LockTimer:
    """How long the commitments hold their budget lines: from the lock to the commit that
    releases it (the commitment is booked in the approval's transaction)."""

    def __init__(self):
        self.holds: list[float] = []

    def wrap(self, lock_lines):
        def timed(pks):
            locked = lock_lines(pks)
            started = time.perf_counter()
            transaction.on_commit(lambda: self.holds.append(time.perf_counter() - started))
            return locked

        return timed
