"""The lifecycle's floor: the barest viewflow process, Start → View → End, run through the
same activation calls as Fördertal's services (viewflow's own Process and Task models)."""

from django.db import transaction
from viewflow import this
from viewflow.workflow import flow, lock


def _view(request, **kwargs):  # never requested: the benchmark executes the task directly
    raise NotImplementedError


class BareFlow(flow.Flow):
    """Bare flow"""

    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.start_process).Next(this.view)
    view = flow.View(_view).Next(this.end)
    end = flow.End()

    def start_process(self, activation):
        return activation.process


def bare_process(user) -> None:
    """Start a process, take its one task as `user` and complete it; the process ends."""
    with transaction.atomic():
        process = BareFlow.start.run()
    task = process.task_set.get(flow_task=BareFlow.view)
    with BareFlow.lock(process.pk), transaction.atomic():
        activation = BareFlow.view.activation_class(task)
        activation.assign(user)
        activation.start(None)
        activation.execute()
