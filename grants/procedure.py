"""Which path a case takes under its procedure: one rule each, read by flows, pages and services."""

from django.utils.translation import gettext_lazy as _

from .models import Application, CaseProcedure, IdeaStage, IdeaStatus, ReviewMode

IDEA_REQUIRED_MESSAGE = _(
    "Für dieses Förderprogramm reichen Sie zuerst eine Projektidee ein. Nach der Beratung "
    "lädt die Verwaltung Sie zum Antrag ein."
)


def procedure_of(application: Application) -> CaseProcedure:
    """The case's frozen procedure; every submitted application has one."""
    if application.procedure_id is None:
        raise ValueError(f"application {application.pk} has no procedure (not submitted?)")
    return application.procedure


def takes_light_track(application: Application) -> bool:
    """Sachbearbeitung decides alone: light procedure and requested amount within its limit."""
    procedure = procedure_of(application)
    return procedure.is_light and application.requested_amount <= procedure.light_limit


def review_mode_of(application: Application) -> ReviewMode:
    """The review the case gets: none on the light track, else the procedure's review; a light
    procedure without its own review sends cases above the limit to one reviewer."""
    if takes_light_track(application):
        return ReviewMode.NONE
    procedure = procedure_of(application)
    if procedure.review_mode == ReviewMode.NONE:
        return ReviewMode.SINGLE
    return ReviewMode(procedure.review_mode)


def idea_refusal(application: Application) -> str | None:
    """Why the application cannot be submitted for want of an invitation, or None.

    A case submitted before keeps its procedure: a resubmission asks the frozen copy, not the
    programme as it is now."""
    in_force = application.procedure if application.procedure_id else application.call.programme
    if in_force.idea_stage != IdeaStage.REQUIRED:
        return None
    idea = application.idea
    if idea is not None and idea.status == IdeaStatus.INVITED:
        return None
    return str(IDEA_REQUIRED_MESSAGE)
