"""The staff task pages of the application flow: each form calls one service of
workflow.application.services."""

from budgeting.selectors import budget_lines_for_application
from grants.procedure import procedure_of
from grants.services.panel import panel_pool_candidates
from grants.services.terms import terms_preview
from workflow.application import forms, services
from workflow.task_views import CaseTaskView


class FormalCheckView(CaseTaskView):
    form_class = forms.FormalCheckForm

    def complete(self, form):
        services.task_formal_check(
            activation=self.request.activation,
            user=self.request.user,
            complete=form.cleaned_data["result"] == "complete",
            message=form.cleaned_data["message"],
        )


class ReviewView(CaseTaskView):
    form_class = forms.ReviewForm

    def get_form_kwargs(self):
        criteria = self.application.call.programme.criteria.all()
        return {**super().get_form_kwargs(), "criteria": criteria}

    def complete(self, form):
        services.task_review(
            activation=self.request.activation, user=self.request.user, **form.review_data()
        )


class PanelAssignView(CaseTaskView):
    """Sachbearbeitung seats the jury: picks exactly n of the reviewers allowed to review the
    case, or has them drawn from the pool ("Aus dem Pool ziehen")."""

    template_name = "workflow/panel_assign_task.html"
    form_class = forms.PanelAssignForm

    def get_form_kwargs(self):
        candidates = panel_pool_candidates(self.application)
        size = procedure_of(self.application).panel_size
        return {**super().get_form_kwargs(), "candidates": candidates, "size": size}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(panel_size=procedure_of(self.application).panel_size)
        return context

    def complete(self, form):
        services.task_panel_assign(
            activation=self.request.activation,
            user=self.request.user,
            reviewers=form.chosen(),
            from_pool="from_pool" in self.request.POST,
        )


class BudgetCheckView(CaseTaskView):
    form_class = forms.BudgetCheckForm

    def get_form_kwargs(self):
        lines = budget_lines_for_application(self.application)
        return {**super().get_form_kwargs(), "lines": lines}

    def complete(self, form):
        services.task_budget_check(
            activation=self.request.activation,
            user=self.request.user,
            allocations=form.allocations(),
        )


class DecisionView(CaseTaskView):
    """The decision, with the eligible costs an approval fixes (cost lines excluded in whole
    or in part, with the reason) and the maximum the financing type allows on them."""

    template_name = "workflow/decision_task.html"
    form_class = forms.DecisionForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "cost_lines": self.application.cost_lines.all()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        exclusions = form.exclusions() if hasattr(form, "cleaned_data") else []
        context.update(layout=form.layout(), preview=terms_preview(self.application, exclusions))
        return context

    def complete(self, form):
        services.task_decide(
            activation=self.request.activation,
            user=self.request.user,
            outcome=form.cleaned_data["outcome"],
            approved_amount=form.cleaned_data["approved_amount"],
            reasons=form.cleaned_data["reasons"],
            excluded=form.exclusions(),
        )
