"""A human task on a case: viewflow's View node plus the separation-of-duties rules."""

from functools import wraps

from django.shortcuts import get_object_or_404
from django.urls import path
from viewflow.workflow import flow

from core.errors import NotAllowed


class CaseTask(flow.View):
    """Offered to and executable by a role member only when `refusal(user, application)` is None.

    The assign and execute pages say why they refuse; viewflow's own undo, revive and cancel
    pages are switched off, since a case moves money and must not be wound back by hand.
    """

    undo_view_class = None
    revive_view_class = None
    cancel_view_class = None

    def __init__(self, view, *, refusal, **kwargs):
        super().__init__(view, **kwargs)
        self.refusal = refusal

    def refusal_for(self, user, task) -> str | None:
        return self.refusal(user, task.process.artifact)

    def can_assign(self, user, task):
        return super().can_assign(user, task) and self.refusal_for(user, task) is None

    def can_execute(self, user, task):
        return super().can_execute(user, task) and self.refusal_for(user, task) is None

    @property
    def view_path(self):
        return self._explaining(super().view_path)

    @property
    def assign_path(self):
        return self._explaining(super().assign_path)

    def _explaining(self, pattern):
        """The same URL, but a refusal (rule 4) is raised with its reason first."""
        view = pattern.callback

        @wraps(view)
        def explained(request, *args, **kwargs):
            task = get_object_or_404(self.flow_class.task_class, pk=kwargs["task_pk"])
            if task.flow_task == self and request.user.is_authenticated:
                reason = self.refusal_for(request.user, task)
                if reason:
                    raise NotAllowed(reason)
            return view(request, *args, **kwargs)

        return path(str(pattern.pattern), explained, name=pattern.name)
