from django.utils.translation import gettext as _

from core.errors import NotAllowed


def task_guard(activation, user):
    """The task's artifact, if the user may complete the task; NotAllowed with the reason."""
    artifact = activation.process.artifact
    reason = activation.flow_task.refusal(user, artifact)
    if reason:
        raise NotAllowed(reason)
    if activation.task.owner_id != user.pk:
        raise NotAllowed(_("Bitte übernehmen Sie die Aufgabe zuerst."))
    return artifact
