"""What the applicant does to a case: submit, resubmit after a revision, withdraw."""

from django.db import transaction

from grants.models import Application, ApplicationStatus
from grants.services.application import application_submit
from grants.services.case import application_withdraw, formal_check_answered
from workflow import notifications
from workflow.application.flow import ApplicationFlow
from workflow.selectors import process_of
from workflow.task_services import OPEN_STATUSES


@transaction.atomic
def case_submit(*, application: Application, user) -> Application:
    """Submit (starts the process) or resubmit after a revision (back to the formal check)."""
    resubmission = application.status == ApplicationStatus.REVISION_REQUESTED
    application = application_submit(application=application, user=user)
    if resubmission:
        formal_check_answered(application=application)
        task = process_of(application).task_set.get(
            flow_task=ApplicationFlow.revision, status__in=OPEN_STATUSES
        )
        ApplicationFlow.revision.run(task)
    else:
        ApplicationFlow.start.run(application=application)
    notifications.applicant_submitted(application=application, resubmission=resubmission)
    return application


@transaction.atomic
def case_withdraw(*, application: Application, user) -> Application:
    """Withdraw before the decision; the process ends cleanly (its open tasks are cancelled)."""
    application = application_withdraw(application=application, user=user)
    ApplicationFlow.instance.cancel(process_of(application))
    notifications.applicant_withdrawn(application=application)
    return application
