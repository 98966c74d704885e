"""The change flow: one process per Änderungsantrag; checked, then decided by another person."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from viewflow import this
from viewflow.workflow import flow, lock

from core.roles import APPROVER, CASEWORKER
from grants.models import ChangeRequest, ChangeRequestStatus
from grants.permissions import staff_refusal
from workflow import notifications
from workflow.change import views
from workflow.models import ChangeProcess
from workflow.nodes import CaseTask


def change_check_refusal(user, change) -> str | None:
    """The check: Sachbearbeitung, not a member of the organisation (rule 4)."""
    return staff_refusal(user, change.application, CASEWORKER)


def change_decide_refusal(user, change) -> str | None:
    """The decision: Bewilligung, not a member of the organisation, not the checker."""
    reason = staff_refusal(user, change.application, APPROVER)
    if reason is None and user.pk == change.checked_by_id:
        reason = _(
            "Sie haben diesen Änderungsantrag geprüft und dürfen nicht über ihn entscheiden."
        )
    return reason


class ChangeFlow(flow.Flow):
    """Änderungsantrag: Sachbearbeitung befürwortet oder lehnt ab → Bewilligung entscheidet;
    eine Bewilligung passt die Mittelbindung an und erlässt den Änderungsbescheid."""

    process_class = ChangeProcess
    lock_impl = lock.select_for_update_lock
    process_title = gettext_lazy("Änderungsantrag")
    process_description = gettext_lazy(
        "Prüfung durch die Sachbearbeitung, Entscheidung durch die Bewilligung (eine andere "
        "Person); die Bewilligung passt die Mittelbindung an und erlässt einen "
        "Änderungsbescheid."
    )

    start = (
        flow.StartHandle(this.start_change)
        .Annotation(title=gettext_lazy("Änderungsantrag eingegangen"))
        .Next(this.check)
    )
    check = (
        CaseTask(views.ChangeCheckView.as_view(), refusal=change_check_refusal)
        .Annotation(title=gettext_lazy("Prüfung des Änderungsantrags"))
        .Permission("grants.check_application")
        .onCreate(this.task_created)
        .Next(this.is_recommended)
    )
    is_recommended = (
        flow.If(this.recommended)
        .Annotation(title=gettext_lazy("Befürwortet?"))
        .Then(this.decide)
        .Else(this.not_recommended)
    )
    decide = (
        CaseTask(views.ChangeDecisionView.as_view(), refusal=change_decide_refusal)
        .Annotation(title=gettext_lazy("Entscheidung über den Änderungsantrag"))
        .Permission("grants.decide_application")
        .onCreate(this.task_created)
        .Next(this.decided)
    )
    decided = flow.End().Annotation(title=gettext_lazy("Entschieden"))
    not_recommended = flow.End().Annotation(title=gettext_lazy("Abgelehnt"))

    def start_change(self, activation, change):
        activation.process.artifact = change
        return activation.process

    def recommended(self, activation) -> bool:
        # read from the database: the process may hold an older copy of the request
        status = ChangeRequest.objects.values_list("status", flat=True).get(
            pk=activation.process.artifact_object_id
        )
        return status == ChangeRequestStatus.RECOMMENDED

    def task_created(self, activation):
        notifications.staff_task_arrived(task=activation.task)
