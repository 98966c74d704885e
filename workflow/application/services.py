"""Completing the staff tasks of the application flow. Every function checks who acts (rule 4)
itself."""

from decimal import Decimal

from django.db import transaction

from budgeting.services import budget_check_record, budget_commit
from grants.models import DecisionOutcome, NoticeKind
from grants.services.case import decision_record, formal_check_record, review_record
from grants.services.notice import notice_issue, notice_render
from grants.services.panel import panel_assign, panel_draw_from_pool
from workflow import notifications
from workflow.task_services import task_guard


@transaction.atomic
def task_formal_check(*, activation, user, complete: bool, message: str = ""):
    """Formal check: complete, or a request for revision that goes to the applicant."""
    application = task_guard(activation, user)
    check = formal_check_record(
        application=application, user=user, complete=complete, message=message
    )
    activation.execute()
    if not complete:
        notifications.applicant_revision_requested(check=check)
    return check


@transaction.atomic
def task_review(*, activation, user, **review):
    """The substantive review with scores, assessment, recommendation and declaration."""
    application = task_guard(activation, user)
    result = review_record(application=application, user=user, **review)
    activation.execute()
    return result


@transaction.atomic
def task_panel_assign(*, activation, user, reviewers: list, from_pool: bool = False):
    """Sachbearbeitung seats the jury: the reviewers chosen, or drawn from the pool; then the
    case waits for every juror's vote (the flow's panel_review)."""
    application = task_guard(activation, user)
    if from_pool:
        seats = panel_draw_from_pool(application=application, by=user)
    else:
        seats = panel_assign(application=application, reviewers=reviewers, by=user)
    activation.execute()
    return seats


@transaction.atomic
def task_budget_check(*, activation, user, allocations: list[tuple[object, Decimal]]):
    """Finance chooses the budget lines and the amount from each."""
    application = task_guard(activation, user)
    result = budget_check_record(application=application, user=user, allocations=allocations)
    activation.execute()
    return result


@transaction.atomic
def task_decide(*, activation, user, outcome: str, approved_amount, reasons: str, excluded=None):
    """Decide; on approval commit the budget and issue the notice, all or nothing.

    The notice is laid out and stored, the task completed and the mail queued before the
    budget lines are locked, so that concurrent approvals on the same lines wait for a
    booking, not for a PDF (STYLE.md habit 15)."""
    application = task_guard(activation, user)
    decision = decision_record(
        application=application,
        user=user,
        outcome=outcome,
        approved_amount=approved_amount,
        reasons=reasons,
        excluded=excluded,
    )
    approved = outcome != DecisionOutcome.REJECTED
    kind = NoticeKind.APPROVAL if approved else NoticeKind.REJECTION
    rendered = notice_render(application=decision.application, kind=kind)
    notice = notice_issue(application=decision.application, kind=kind, user=user, rendered=rendered)
    activation.execute()
    notifications.applicant_decided(notice=notice)
    if approved:
        _commit_last(notice, application=application, amount=decision.approved_amount, user=user)
    return decision


def _commit_last(notice, **commitment):
    """Bind the budget as the last step of the decision's transaction: the lines stay locked
    from here to the commit, for the booking only. Refused, the transaction rolls back, and
    the notice's file goes with its row."""
    try:
        budget_commit(**commitment)
    except BaseException:
        notice.file.delete(save=False)
        raise
