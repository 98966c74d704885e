"""The payout flow: one process per payment request, three sign-offs by three people."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from budgeting.models import PaymentRequestStatus
from workflow import notifications
from workflow.models import PayoutProcess
from workflow.nodes import CaseTask
from workflow.payout import views
from workflow.permissions import arithmetic_refusal, factual_refusal, release_refusal


class PayoutFlow(flow.Flow):
    """Mittelabruf: sachlich richtig → rechnerisch richtig → Anordnung (§ 31 KomHVO NRW)."""

    process_class = PayoutProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Mittelabruf")
    process_description = _(
        "Sachlich richtig (Sachbearbeitung), rechnerisch richtig und Anordnung (Finanzen): "
        "drei verschiedene Personen; jede kann den Abruf mit Begründung zurückgeben."
    )

    start = (
        flow.StartHandle(this.start_request)
        .Annotation(title=_("Mittelabruf eingegangen"))
        .Next(this.factual)
    )
    factual = (
        CaseTask(views.FactualView.as_view(), refusal=factual_refusal)
        .Annotation(title=_("Sachlich richtig"))
        .Permission("workflow.sign_factual")
        .onCreate(this.task_created)
        .Next(this.after_factual)
    )
    after_factual = (
        flow.If(this.still_open)
        .Annotation(title=_("Gezeichnet?"))
        .Then(this.arithmetic)
        .Else(this.returned)
    )
    arithmetic = (
        CaseTask(views.ArithmeticView.as_view(), refusal=arithmetic_refusal)
        .Annotation(title=_("Rechnerisch richtig"))
        .Permission("workflow.sign_arithmetic")
        .onCreate(this.task_created)
        .Next(this.after_arithmetic)
    )
    after_arithmetic = (
        flow.If(this.still_open)
        .Annotation(title=_("Gezeichnet?"))
        .Then(this.release)
        .Else(this.returned)
    )
    release = (
        CaseTask(views.ReleaseView.as_view(), refusal=release_refusal)
        .Annotation(title=_("Anordnung"))
        .Permission("workflow.release_payment")
        .onCreate(this.task_created)
        .Next(this.after_release)
    )
    after_release = (
        flow.If(this.was_paid)
        .Annotation(title=_("Ausgezahlt?"))
        .Then(this.paid)
        .Else(this.returned)
    )
    paid = flow.End().Annotation(title=_("Ausgezahlt"))
    returned = flow.End().Annotation(title=_("Zurückgegeben"))

    def start_request(self, activation, request):
        activation.process.artifact = request
        return activation.process

    def _status(self, activation) -> str:
        # read from the database: the process may hold an older copy of the request
        return (
            type(activation.process.artifact)
            .objects.values_list("status", flat=True)
            .get(pk=activation.process.artifact_object_id)
        )

    def still_open(self, activation) -> bool:
        return self._status(activation) != PaymentRequestStatus.RETURNED

    def was_paid(self, activation) -> bool:
        return self._status(activation) == PaymentRequestStatus.RELEASED

    def task_created(self, activation):
        notifications.staff_task_arrived(task=activation.task)
