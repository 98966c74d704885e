"""The lifecycle's floor: the barest viewflow process, Start → View → End, run through the
same activation calls as Fördertal's services (viewflow's own Process and Task models)."""

from django.db import transaction
from viewflow import this
from viewflow.workflow import flow, lock
from viewflow.workflow.flow.views import UpdateProcessView


class BareFlow(flow.Flow):
    """Bare flow"""

    lock_impl = lock.select_for_update_lock

    start = flow.StartHandle(this.start_process).Next(this.view)
    # viewflow's own task view; the benchmark completes the task through its activation.
    view = flow.View(UpdateProcessView.as_view(fields=[])).Next(this.end)
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
