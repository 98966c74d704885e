"""The page of a staff task: its form beside the case summary (every process's task views)."""

from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.views.generic import FormView

from workflow.forms import add_form_errors
from workflow.selectors import case_context


class CaseTaskView(FormView):
    """A task form beside the case summary; subclasses call their service in `complete`."""

    template_name = "workflow/task.html"

    @property
    def application(self):
        return self.request.activation.process.artifact

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(case_context(self.application))
        return context

    def form_valid(self, form):
        try:
            self.complete(form)
        except ValidationError as error:
            add_form_errors(form, error)
            return self.form_invalid(form)
        return HttpResponseRedirect(reverse("antraege:case", args=[self.application.pk]))
