"""Build the demo applications through the same services the portal uses.

In a spec, the organisation is its index in ORGANISATIONS and districts are their numbers.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from dateutil.relativedelta import relativedelta

from applicants.models import Organisation
from core.models import District
from grants.demo.files import demo_pdf_upload
from grants.demo.indicator_data import goal_choices
from grants.models import Application, Call
from grants.services.application import (
    PlanLine,
    application_create,
    application_save_draft,
    application_submit,
)
from grants.services.attachment import attachment_add


@dataclass(frozen=True)
class ApplicationSpec:
    organisation: int
    programme: str
    title: str
    summary: str = ""
    goals: str = ""
    target_group: str = ""
    districts: tuple[int, ...] = ()
    start_in_months: int = 1  # the project starts on the 1st of the month after that many months
    months: int | None = None  # duration; None: no dates yet
    costs: tuple[tuple[str, str, str], ...] = ()  # category, description, amount
    financing: tuple[tuple[str, str, str, str], ...] = ()  # kind, source, description, amount
    requested: str | None = None
    attachments: int | None = None  # required documents attached; None: all if submitted
    submit: bool = False
    by_applicant: bool = False  # written by antrag@… rather than the organisation's contact
    publication_consent: bool = True  # the transparency page and the open data show it
    like: str = ""  # a copy (the lifecycle benchmark) takes the indicators of this demo title


def application_ensure(
    spec: ApplicationSpec,
    *,
    organisation: Organisation,
    call: Call,
    user,
    today: date,
    submit=application_submit,
) -> tuple[Application, bool]:
    """Create the application unless the organisation already has one with this title."""
    existing = Application.objects.filter(organisation=organisation, title=spec.title).first()
    if existing is not None:
        return existing, False
    application = application_create(
        organisation=organisation, call=call, user=user, title=spec.title
    )
    application = draft_fill(application, spec, user=user, today=today)
    if spec.submit:
        application = submit(application=application, user=user)
    return application, True


def draft_fill(
    application: Application, spec: ApplicationSpec, *, user, today: date
) -> Application:
    """Write the spec's texts, dates, districts, plan and indicators into the draft and attach
    its required documents (all of them if the spec is to be submitted)."""
    start = end = None
    if spec.months:
        start = (today + relativedelta(months=spec.start_in_months)).replace(day=1)
        end = start + relativedelta(months=spec.months) - timedelta(days=1)
    application = application_save_draft(
        application=application,
        user=user,
        data={
            "summary": spec.summary,
            "goals": spec.goals,
            "target_group": spec.target_group,
            "project_start": start,
            "project_end": end,
            "requested_amount": Decimal(spec.requested) if spec.requested else None,
            "publication_consent": spec.publication_consent,
        },
        districts=District.objects.filter(number__in=spec.districts),
        cost_lines=[
            PlanLine(kind=category, description=description, amount=Decimal(amount))
            for category, description, amount in spec.costs
        ],
        financing_lines=[
            PlanLine(kind=kind, source_name=source, description=description, amount=Decimal(amount))
            for kind, source, description, amount in spec.financing
        ],
        indicators=goal_choices(application, spec.like),
    )
    documents = list(application.call.programme.required_documents.all())
    attached = spec.attachments
    if attached is None:
        attached = len(documents) if spec.submit else 0
    for document in documents[:attached]:
        attachment_add(
            application=application,
            user=user,
            uploaded_file=demo_pdf_upload(document.name, application.organisation.name),
            required_document=document,
        )
    return application
