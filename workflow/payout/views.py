"""The three sign-offs of a payment request."""

from django.utils import timezone

from budgeting.balances import grant_balances
from budgeting.services.payout import commitments_by_year, payee_account, payout_date_window
from workflow.payout import forms, services
from workflow.task_views import CaseTaskView


class PayoutTaskView(CaseTaskView):
    """A sign-off beside the case summary and the grant's balances."""

    template_name = "workflow/payout_task.html"
    form_class = forms.SignoffForm
    service = None

    @property
    def payment_request(self):
        return self.request.activation.process.artifact

    @property
    def application(self):
        return self.payment_request.application

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            payment_request=self.payment_request,
            balances=grant_balances(self.application),
            year_funds=commitments_by_year(self.application),
            account=payee_account(self.application),
        )
        return context

    def complete(self, form):
        data = form.cleaned_data
        type(self).service(
            activation=self.request.activation,
            user=self.request.user,
            ok=data["decision"] == "ok",
            reason=data["reason"],
            **({"payout_date": data["payout_date"]} if "payout_date" in data else {}),
        )


class FactualView(PayoutTaskView):
    service = services.task_factual


class ArithmeticView(PayoutTaskView):
    service = services.task_arithmetic


class ReleaseView(PayoutTaskView):
    form_class = forms.ReleaseForm
    service = services.task_release

    def get_form_kwargs(self):
        years = [funds.year for funds in commitments_by_year(self.application)]
        window = payout_date_window(timezone.localdate())
        return {**super().get_form_kwargs(), "window": window, "years": years}
