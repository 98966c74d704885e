"""The application flow: one process per application, from submission to the notice."""

from django.utils.translation import gettext_lazy as _
from viewflow import this
from viewflow.workflow import flow, lock

from grants.models import Application, FormalCheck, FormalCheckResult, ReviewMode
from grants.procedure import review_mode_of, takes_light_track
from grants.services.case import application_ready_for_decision
from workflow import notifications
from workflow.application import views
from workflow.models import ApplicationProcess
from workflow.nodes import CaseTask
from workflow.permissions import (
    caseworker_refusal,
    decision_refusal,
    finance_refusal,
    reviewer_refusal,
)


class ApplicationFlow(flow.Flow):
    """Antragsverfahren: formal check ⇄ revision, review (one reviewer, a jury, or none on the
    light track) ∥ budget check, decision (by Sachbearbeitung on the light track).

    The branches ask the case's frozen procedure (grants.procedure), never the programme."""

    process_class = ApplicationProcess
    lock_impl = lock.select_for_update_lock
    process_title = _("Antragsverfahren")
    process_description = _(
        "Vom eingereichten Antrag über Vollständigkeitsprüfung, fachliche Prüfung und "
        "Haushaltsprüfung bis zur Entscheidung und zum Bescheid."
    )

    start = (
        flow.StartHandle(this.start_case)
        .Annotation(title=_("Antrag eingereicht"))
        .Next(this.formal_check)
    )
    formal_check = (
        CaseTask(views.FormalCheckView.as_view(), refusal=caseworker_refusal)
        .Annotation(title=_("Vollständigkeitsprüfung"))
        .Permission("grants.check_application")
        .onCreate(this.task_created)
        .Next(this.is_complete)
    )
    is_complete = (
        flow.If(this.application_is_complete)
        .Annotation(title=_("Vollständig?"))
        .Then(this.split)
        .Else(this.revision)
    )
    revision = (
        flow.Handle(this.revision_answered)
        .Annotation(title=_("Nachforderung beim Antragsteller"))
        .Next(this.formal_check)
    )
    split = (
        flow.Split()
        .Annotation(title=_("Fachliche Prüfung und Haushaltsprüfung parallel"))
        .Next(this.review, case=this.has_single_review)
        .Next(this.panel_assign, case=this.has_panel_review)
        .Next(this.budget_check)
    )
    review = (
        CaseTask(views.ReviewView.as_view(), refusal=reviewer_refusal)
        .Annotation(title=_("Fachliche Prüfung"))
        .Permission("grants.review_application")
        .onCreate(this.task_created)
        .Next(this.join)
    )
    panel_assign = (
        CaseTask(views.PanelAssignView.as_view(), refusal=caseworker_refusal)
        .Annotation(title=_("Jury besetzen"))
        .Permission("grants.check_application")
        .onCreate(this.task_created)
        .Next(this.panel_review)
    )
    panel_review = (
        flow.Handle(this.panel_reviewed)
        .Annotation(title=_("Bewertung durch die Jury"))
        .Next(this.join)
    )
    budget_check = (
        CaseTask(views.BudgetCheckView.as_view(), refusal=finance_refusal)
        .Annotation(title=_("Haushaltsprüfung"))
        .Permission("grants.check_budget")
        .onCreate(this.task_created)
        .Next(this.join)
    )
    join = flow.Join().Annotation(title=_("Prüfungen fertig")).Next(this.ready)
    ready = (
        flow.Function(this.mark_ready)
        .Annotation(title=_("Prüfungen abgeschlossen"))
        .Next(this.is_light)
    )
    is_light = (
        flow.If(this.light_track)
        .Annotation(title=_("Vereinfachtes Verfahren?"))
        .Then(this.light_decision)
        .Else(this.decision)
    )
    light_decision = (
        CaseTask(views.DecisionView.as_view(), refusal=decision_refusal)
        .Annotation(title=_("Entscheidung im vereinfachten Verfahren"))
        .Permission("grants.decide_light")
        .onCreate(this.task_created)
        .Next(this.end)
    )
    decision = (
        CaseTask(views.DecisionView.as_view(), refusal=decision_refusal)
        .Annotation(title=_("Entscheidung"))
        .Permission("grants.decide_application")
        .onCreate(this.task_created)
        .Next(this.end)
    )
    end = flow.End().Annotation(title=_("Ende"))

    def start_case(self, activation, application):
        activation.process.artifact = application
        return activation.process

    def application_is_complete(self, activation) -> bool:
        """Read from the database: the process may hold an older copy of the application."""
        latest = FormalCheck.objects.filter(
            application_id=activation.process.artifact_object_id
        ).latest("round")
        return latest.result == FormalCheckResult.COMPLETE

    def revision_answered(self, activation):
        return activation.process

    def has_single_review(self, activation) -> bool:
        return review_mode_of(self._application(activation)) == ReviewMode.SINGLE

    def has_panel_review(self, activation) -> bool:
        return review_mode_of(self._application(activation)) == ReviewMode.PANEL

    def panel_reviewed(self, activation):
        return activation.process

    def light_track(self, activation) -> bool:
        return takes_light_track(self._application(activation))

    def _application(self, activation) -> Application:
        """Read from the database: a resubmission may have changed the requested amount."""
        return Application.objects.select_related("procedure").get(
            pk=activation.process.artifact_object_id
        )

    def mark_ready(self, activation):
        application_ready_for_decision(application=activation.process.artifact)

    def task_created(self, activation):
        notifications.staff_task_arrived(task=activation.task)
