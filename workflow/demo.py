"""Demo cases in every state of the application flow and of each procedure (standard, light
track, project idea with a jury; simplified proof of use with its sample draw), driven through
the real services."""

from decimal import Decimal
from itertools import cycle

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from budgeting.demo import budget_seed, carry_over_seed, cofunding_seed
from budgeting.selectors import budget_lines_for_application
from budgeting.services.payout import payment_request_refusal
from core.money import round_money
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.demo import DEMO_USERS, DemoSummary, demo_seed
from grants.demo.application_data import (
    LIGHT_DECISION_OPEN,
    LIGHT_REPORT_DRAWN,
    LIGHT_REPORT_SUBMITTED,
)
from grants.demo.ideas import PANEL_COMPLETE, PANEL_ONE_OF_THREE
from grants.demo.indicator_data import report_actuals_seed
from grants.demo.reports import demo_sample_block_ensure, report_fill_seed
from grants.models import DecisionOutcome, Recommendation, ReportKind, ReviewMode
from grants.procedure import procedure_of, review_mode_of, takes_light_track
from workflow.application.case import case_submit, case_withdraw
from workflow.application.flow import ApplicationFlow
from workflow.application.panel import panel_vote_submit
from workflow.application.services import (
    task_budget_check,
    task_decide,
    task_formal_check,
    task_panel_assign,
    task_review,
)
from workflow.grant import grant_make_final_by_waiver
from workflow.payout.case import payout_request
from workflow.payout.flow import PayoutFlow
from workflow.payout.services import task_arithmetic, task_factual, task_release
from workflow.report.case import report_case_submit
from workflow.report.flow import ReportFlow
from workflow.report.services import task_report_check
from workflow.selectors import payout_process_of, report_process_of
from workflow.task_services import task_complete_as

# The state each freshly submitted demo application is taken to, in turn.
TARGETS = (
    "submitted",
    "revision",
    "in_review",
    "awaiting_decision",
    "approved",
    "partial",
    "rejected",
    "withdrawn",
    "reviewed",
)
# Each juror's points on every criterion of a jury case, in the order of the seats: far apart,
# so that the case is flagged for discussion (spread 3,00 above the threshold of 1,00).
JURY_POINTS = (5, 4, 2)


@transaction.atomic
def cases_seed() -> tuple[DemoSummary, int]:
    """Seed the demo data, budgets for last, this and next year with last year's carry-over,
    the co-funders' pledges, and cases in every state.

    Returns the summary of the grants demo data and the number of budget lines created.
    """
    summary = demo_seed(submit=case_submit)
    year = timezone.localdate().year
    budget_lines = (
        budget_seed(year=year - 1, closed=True)
        + budget_seed(year=year)
        + budget_seed(year=year + 1)
    )
    staff = demo_staff()
    # After this year's lines exist (else the carry-over would create empty ones) and before
    # any case is budget-checked, so that last year's lines have nothing free left to bind.
    carry_over_seed(year=year - 1, user=staff[FINANCE])
    cofunding_seed(year=year, user=staff[FINANCE])
    for application, target in zip(summary.submitted_now, cycle(TARGETS), strict=False):
        case_advance(application, target, staff)
    for application, state in summary.procedure_cases:
        procedure_case_advance(application, state, staff)
    return summary, budget_lines


def demo_staff() -> dict[str, object]:
    """The first demo person of each role; the second Finanzen person releases payouts; every
    Fachgutachten person sits on the jury."""
    users = get_user_model().objects.filter(email__in=[p.email for p in DEMO_USERS])
    by_email = {user.email: user for user in users}
    staff = {}
    for person in DEMO_USERS:
        staff.setdefault(person.role, by_email[person.email])
    releaser = [by_email[p.email] for p in DEMO_USERS if p.role == FINANCE][-1]
    jury = [by_email[p.email] for p in DEMO_USERS if p.role == REVIEWER]
    return {**staff, "releaser": releaser, "jury": jury}


def procedure_case_advance(application, state, staff):
    """Take a case of the light track or of the jury to its demo state (grants.demo.ideas,
    grants.demo.application_data.LIGHT_CASES)."""
    if state == LIGHT_DECISION_OPEN:
        case_advance(application, "awaiting_decision", staff)
    elif state == LIGHT_REPORT_SUBMITTED:
        case_advance(application, "approved", staff)
    elif state == LIGHT_REPORT_DRAWN:
        case_advance(application, "approved", staff)
        _accept_final_report(application, staff[CASEWORKER])
    elif state == PANEL_ONE_OF_THREE:
        case_advance(application, "in_review", staff)
        seats = _seat_jury(application, staff, from_pool=True)
        _vote(seats[0], JURY_POINTS[0])
    elif state == PANEL_COMPLETE:
        case_advance(application, "awaiting_decision", staff)
    else:
        raise ValueError(f"unknown demo state {state!r}")


def case_advance(application, target, staff):
    """Take a freshly submitted application to `target` (one of TARGETS) through the services,
    each step by the demo person of its role (the demo, and the lifecycle benchmark)."""
    if target == "submitted":
        return
    if target == "withdrawn":
        case_withdraw(application=application, user=application.submitted_by)
        return
    _complete(
        application,
        ApplicationFlow.formal_check,
        staff[CASEWORKER],
        task_formal_check,
        complete=target != "revision",
        message=""
        if target != "revision"
        else "Bitte laden Sie die unterschriebene Satzung hoch und nennen Sie die "
        "Zahl der Teilnehmenden genauer.",
    )
    if target in ("revision", "in_review"):
        return
    mode = review_mode_of(application)
    if mode == ReviewMode.SINGLE:
        _review(application, staff[REVIEWER], target)
    elif mode == ReviewMode.PANEL:
        for seat, points in zip(_seat_jury(application, staff), JURY_POINTS, strict=False):
            _vote(seat, points)
    if target == "reviewed":
        return
    _budget_check(application, staff[FINANCE])
    if target == "awaiting_decision":
        return
    if takes_light_track(application):  # Sachbearbeitung decides alone
        _decide(application, staff[CASEWORKER], target, node=ApplicationFlow.light_decision)
    else:
        _decide(application, staff[APPROVER], target, node=ApplicationFlow.decision)
    if target == "approved":
        _make_final_and_pay_half(application, staff)


def _make_final_and_pay_half(application, staff):
    """Waiver of appeal, half of the grant requested and paid with three sign-offs, then the
    report that is due first handed in with its indicator values (it waits for the check)."""
    member = application.submitted_by
    application = grant_make_final_by_waiver(application=application, user=member)
    report = application.reports.order_by("due_on", "pk").first()
    report_actuals_seed(report=report, user=member)
    amount = round_money(application.requested_amount / 2)
    # A grant bound only in next year's budget cannot be paid this year (annuality; in
    # December the demo projects start next year): then nothing is requested yet.
    if payment_request_refusal(application, amount, today=timezone.localdate()) is None:
        request = payout_request(
            application=application,
            user=member,
            amount=amount,
            needed_within_two_months=True,
            purpose="Honorare und Material der ersten Monate",
        )
        for node, user, service in (
            (PayoutFlow.factual, staff[CASEWORKER], task_factual),
            (PayoutFlow.arithmetic, staff[FINANCE], task_arithmetic),
            (PayoutFlow.release, staff["releaser"], task_release),
        ):
            _complete_payout(request, node, user, service)
    report_case_submit(report=report_fill_seed(report=report, user=member), user=member)


def _complete_payout(request, node, user, service):
    task_complete_as(
        process=payout_process_of(request), node=node, user=user, service=service, ok=True
    )


def _review(application, reviewer, target):
    criteria = application.call.programme.criteria.all()
    _complete(
        application,
        ApplicationFlow.review,
        reviewer,
        task_review,
        scores={c.pk: 2 if target == "rejected" else 4 for c in criteria},
        assessment="Das Konzept ist nachvollziehbar; die Zielgruppe wird gut erreicht.",
        recommendation={"rejected": Recommendation.REJECT, "partial": Recommendation.PARTIAL}.get(
            target, Recommendation.APPROVE
        ),
        recommended_amount=_partial_amount(application) if target == "partial" else None,
        no_conflict_of_interest=True,
    )


def _seat_jury(application, staff, *, from_pool=False):
    """Sachbearbeitung seats the demo jury, chosen or drawn from the pool."""
    size = procedure_of(application).panel_size
    return _complete(
        application,
        ApplicationFlow.panel_assign,
        staff[CASEWORKER],
        task_panel_assign,
        reviewers=[] if from_pool else staff["jury"][:size],
        from_pool=from_pool,
    )


def _vote(seat, points):
    criteria = seat.application.call.programme.criteria.all()
    panel_vote_submit(
        seat=seat,
        user=seat.reviewer,
        scores={criterion.pk: points for criterion in criteria},
        assessment={
            5: "Überzeugendes Konzept; die Ehrenamtlichen sind gut vorbereitet.",
            4: "Solide geplant; die Zielgruppe wird erreicht.",
        }.get(points, "Die Kosten der Honorare sind hoch; der Nutzen bleibt unklar."),
        recommendation=Recommendation.APPROVE if points >= 3 else Recommendation.REJECT,
        recommended_amount=None,
        no_conflict_of_interest=True,
    )


def _accept_final_report(application, caseworker):
    """Sachbearbeitung accepts the simplified final report: the sample draw takes the first
    place of the programme's first block, which the demo's seed draws for the full check."""
    report = application.reports.get(kind=ReportKind.FINAL)
    demo_sample_block_ensure(
        programme=application.call.programme, share=procedure_of(application).sample_share
    )
    task_complete_as(
        process=report_process_of(report),
        node=ReportFlow.check,
        user=caseworker,
        service=task_report_check,
        accepted=True,
    )


def _budget_check(application, finance):
    requested = application.requested_amount
    line = next(
        line for line in budget_lines_for_application(application) if line.free >= requested
    )
    _complete(
        application,
        ApplicationFlow.budget_check,
        finance,
        task_budget_check,
        allocations=[(line, requested)],
    )


def _decide(application, approver, target, *, node):
    outcome = {
        "approved": DecisionOutcome.APPROVED,
        "partial": DecisionOutcome.PARTIAL,
        "rejected": DecisionOutcome.REJECTED,
    }[target]
    reasons = {
        DecisionOutcome.PARTIAL: "Die Honorarsätze liegen über den städtischen Richtwerten; "
        "gefördert werden 80 % der beantragten Summe.",
        DecisionOutcome.REJECTED: "Das Vorhaben ist im Förderprogramm nicht förderfähig, weil "
        "es überwiegend Regelangebote der Schule ersetzt.",
    }.get(outcome, "")
    _complete(
        application,
        node,
        approver,
        task_decide,
        outcome=outcome,
        approved_amount=_partial_amount(application)
        if outcome == DecisionOutcome.PARTIAL
        else None,
        reasons=reasons,
    )


def _partial_amount(application) -> Decimal:
    return round_money(application.requested_amount * Decimal("0.8"))


def _complete(application, node, user, service, **data):
    return task_complete_as(application=application, node=node, user=user, service=service, **data)
