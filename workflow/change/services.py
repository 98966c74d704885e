"""Änderungsantrag, the staff tasks: Sachbearbeitung checks, Bewilligung decides; an approval
adjusts the commitment and issues the Änderungsbescheid."""

from django.db import transaction

from budgeting.balances import grant_balances
from budgeting.services.adjust import budget_adjust
from grants.models import NoticeKind
from grants.services.change import change_decide, change_notice_record, change_recommend
from grants.services.notice import notice_issue, notice_render
from workflow import notifications
from workflow.task_services import task_guard


@transaction.atomic
def task_change_check(*, activation, user, recommend: bool, opinion: str = ""):
    """Sachbearbeitung: recommend (on to the decision) or reject with the opinion as reason."""
    change = task_guard(activation, user)
    change = change_recommend(change=change, user=user, recommend=recommend, opinion=opinion)
    activation.execute()
    return change


@transaction.atomic
def task_change_decide(*, activation, user, approve: bool, reasons: str = ""):
    """Bewilligung: on approval the commitment follows the new amount and the
    Änderungsbescheid (next notice version) is issued, all or nothing."""
    change = task_guard(activation, user)
    change = change_decide(change=change, user=user, approve=approve, reasons=reasons)
    notice = None
    if approve:
        application = change.application
        amount = change.new_amount or grant_balances(application).approved
        # Laid out before budget_adjust locks the lines (STYLE.md habit 15).
        rendered = notice_render(
            application=application, kind=NoticeKind.APPROVAL, approved_amount=amount
        )
        if change.new_amount is not None:
            budget_adjust(application=application, new_amount=change.new_amount, user=user)
        notice = notice_issue(
            application=application,
            kind=NoticeKind.APPROVAL,
            user=user,
            approved_amount=amount,
            rendered=rendered,
        )
        change = change_notice_record(change=change, notice=notice)
    activation.execute()
    if notice is not None:
        notifications.applicant_decided(notice=notice)
    return change
