"""The report flow: one process per interim or final report; check ⇄ revision."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from grants.models import Report, ReportStatus
from workflow import notifications
from workflow.models import ReportProcess
from workflow.nodes import CaseTask
from workflow.permissions import report_check_refusal
from workflow.report import views


class ReportFlow(flow.Flow):
    """Nachweisprüfung: Sachbearbeitung accepts or asks for a revision; the acceptance of the
    final report settles the grant (Schlussfestsetzung)."""

    process_class = ReportProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Nachweisprüfung")

    start = (
        flow.StartHandle(this.start_report)
        .Annotation(title=_("Nachweis eingereicht"))
        .Next(this.check)
    )
    check = (
        CaseTask(views.ReportCheckView.as_view(), refusal=report_check_refusal)
        .Annotation(title=_("Prüfung des Nachweises"))
        .Permission("grants.check_application")
        .onCreate(this.task_created)
        .Next(this.is_accepted)
    )
    is_accepted = (
        flow.If(this.accepted).Annotation(title=_("Anerkannt?")).Then(this.end).Else(this.revision)
    )
    revision = (
        flow.Handle(this.revision_answered)
        .Annotation(title=_("Nachforderung beim Träger"))
        .Next(this.check)
    )
    end = flow.End().Annotation(title=_("Ende"))

    def start_report(self, activation, report):
        activation.process.artifact = report
        return activation.process

    def accepted(self, activation) -> bool:
        status = Report.objects.values_list("status", flat=True).get(
            pk=activation.process.artifact_object_id
        )
        return status == ReportStatus.ACCEPTED

    def revision_answered(self, activation):
        return activation.process

    def task_created(self, activation):
        notifications.staff_task_arrived(task=activation.task)
