"""What every process's task services share: who may complete a task, the open statuses, and
completing a task outside its page (demo, scripts)."""

from django.db import transaction
from django.utils.translation import gettext as _
from viewflow.workflow.status import STATUS

from core.errors import NotAllowed
from workflow.selectors import process_of

OPEN_STATUSES = (STATUS.NEW, STATUS.ASSIGNED, STATUS.STARTED)


def task_guard(activation, user):
    """The task's artifact, if the user may complete the task; NotAllowed with the reason."""
    artifact = activation.process.artifact
    reason = activation.flow_task.refusal(user, artifact)
    if reason:
        raise NotAllowed(reason)
    if activation.task.owner_id != user.pk:
        raise NotAllowed(_("Bitte übernehmen Sie die Aufgabe zuerst."))
    return artifact


def task_complete_as(*, node, user, service, application=None, process=None, **data):
    """Take the open task of `node` as `user` and complete it with `service` (demo, scripts).

    The process is the application's, unless another one (a payout, a report) is given."""
    process = process or process_of(application)
    task = process.task_set.get(flow_task=node, status__in=OPEN_STATUSES)
    with node.flow_class.lock(process.pk), transaction.atomic():
        activation = node.activation_class(task)
        if task.owner_id is None:
            activation.assign(user)
        activation.start(None)
        return service(activation=activation, user=user, **data)
