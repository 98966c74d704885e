from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.permissions import is_member
from core.audit import audit_record
from grants.models import Application, ApplicationStatus, CostLine, FinancingLine
from grants.permissions import can_edit_application
from grants.rules import start_refusal, submission_errors
from grants.services.errors import NotAllowed, SubmissionRejected
from grants.services.indicators import IndicatorChoice, application_indicators_save
from grants.services.procedure import case_procedure_fix, procedure_summary
from grants.services.reference import reference_next

DRAFT_FIELDS = (
    "title",
    "summary",
    "goals",
    "target_group",
    "project_start",
    "project_end",
    "requested_amount",
    "units_planned",
    "publication_consent",
)


@dataclass(frozen=True)
class PlanLine:
    """A line of the cost or financing plan as the applicant entered it."""

    kind: str
    description: str
    amount: Decimal
    source_name: str = ""


def application_create(*, organisation, call, user, title: str) -> Application:
    """Start a draft application of the organisation for the call (not where the programme
    requires a project idea first: the invitation creates that draft)."""
    if not is_member(user, organisation):
        raise NotAllowed(_("Sie handeln nicht für diese Organisation."))
    refusal = start_refusal(organisation=organisation, call=call)
    if refusal:
        raise NotAllowed(refusal)
    with transaction.atomic():
        application = Application(
            organisation=organisation, call=call, title=title, created_by=user
        )
        application.full_clean()
        application.save()
        audit_record(
            actor=user,
            action="grants.application.created",
            obj=application,
            after={"status": application.status, "title": title},
        )
    return application


def application_save_draft(
    *,
    application: Application,
    user,
    data: dict,
    districts,
    cost_lines: list[PlanLine],
    financing_lines: list[PlanLine],
    indicators: list[IndicatorChoice] | None = None,
) -> Application:
    """Save the draft as it is, complete or not; the plan lines replace the old ones.

    `indicators` replace the chosen indicators; None leaves them as they are.
    """
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not can_edit_application(user, application):
            raise NotAllowed(_("Dieser Antrag kann nicht mehr bearbeitet werden."))
        for field in DRAFT_FIELDS:
            setattr(application, field, data.get(field, getattr(application, field)))
        application.full_clean()
        application.save()
        application.districts.set(districts)
        application.cost_lines.all().delete()
        application.financing_lines.all().delete()
        CostLine.objects.bulk_create(
            CostLine(
                application=application,
                category=line.kind,
                description=line.description,
                amount=line.amount,
            )
            for line in cost_lines
        )
        FinancingLine.objects.bulk_create(
            FinancingLine(
                application=application,
                kind=line.kind,
                source_name=line.source_name,
                description=line.description,
                amount=line.amount,
            )
            for line in financing_lines
        )
        if indicators is not None:
            application_indicators_save(application=application, user=user, choices=indicators)
    return application


def application_submit(*, application: Application, user) -> Application:
    """Submit the application if it meets every rule; a first submission gets its reference and
    its procedure (Verfahren): the one its idea was handed in under, else the programme's in force.

    A resubmission after a request for revision keeps the reference number and the procedure.
    """
    with transaction.atomic():
        application = Application.objects.select_for_update().get(pk=application.pk)
        if not can_edit_application(user, application):
            raise NotAllowed(_("Dieser Antrag kann nicht eingereicht werden."))
        now = timezone.now()
        errors = submission_errors(application, today=timezone.localdate(now))
        if errors:
            raise SubmissionRejected(errors)
        before = {"status": application.status}
        resubmission = application.status == ApplicationStatus.REVISION_REQUESTED
        application.status = ApplicationStatus.SUBMITTED
        application.submitted_at = now
        application.submitted_by = user
        if application.reference is None:
            application.reference = reference_next(year=timezone.localdate(now).year)
        if application.procedure_id is None:
            application.procedure = (
                application.idea.procedure
                if application.idea_id is not None
                else case_procedure_fix(programme=application.call.programme)
            )
        application.save(
            update_fields=["status", "submitted_at", "submitted_by", "reference", "procedure"]
        )
        audit_record(
            actor=user,
            action=f"grants.application.{'resubmitted' if resubmission else 'submitted'}",
            obj=application,
            before=before,
            after={
                "status": application.status,
                "reference": application.reference,
                "requested_amount": application.requested_amount,
                "publication_consent": application.publication_consent,
                "procedure": procedure_summary(application.procedure),
            },
        )
    return application
