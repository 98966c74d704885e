"""The applicant submits a report: it starts its own check process."""

from django.db import transaction

from grants.models import ReportStatus
from grants.services.report import report_submit
from workflow.report.flow import ReportFlow
from workflow.selectors import report_process_of
from workflow.task_services import OPEN_STATUSES


@transaction.atomic
def report_case_submit(*, report, user):
    """Submit (starts the check) or resubmit after a request for revision."""
    resubmission = report.status == ReportStatus.REVISION_REQUESTED
    report = report_submit(report=report, user=user)
    if resubmission:
        task = report_process_of(report).task_set.get(
            flow_task=ReportFlow.revision, status__in=OPEN_STATUSES
        )
        ReportFlow.revision.run(task)
    else:
        ReportFlow.start.run(report=report)
    return report
