"""The two staff tasks of an Änderungsantrag: the check and the decision."""

from budgeting.balances import grant_balances
from workflow.change import forms, services
from workflow.task_views import CaseTaskView


class ChangeTaskView(CaseTaskView):
    """A task on the change request beside the case summary and the grant's balances."""

    template_name = "workflow/change_task.html"

    @property
    def change_request(self):
        return self.request.activation.process.artifact

    @property
    def application(self):
        return self.change_request.application

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            change_request=self.change_request, balances=grant_balances(self.application)
        )
        return context


class ChangeCheckView(ChangeTaskView):
    form_class = forms.ChangeCheckForm

    def complete(self, form):
        services.task_change_check(
            activation=self.request.activation,
            user=self.request.user,
            recommend=form.cleaned_data["result"] == "recommend",
            opinion=form.cleaned_data["opinion"],
        )


class ChangeDecisionView(ChangeTaskView):
    form_class = forms.ChangeDecisionForm

    def complete(self, form):
        services.task_change_decide(
            activation=self.request.activation,
            user=self.request.user,
            approve=form.cleaned_data["outcome"] == "approve",
            reasons=form.cleaned_data["reasons"],
        )
