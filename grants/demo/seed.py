"""demo_seed(): the whole demo data set; running it again creates nothing new."""

from dataclasses import astuple, dataclass, field

from django.db import transaction
from django.utils import timezone

from applicants.models import Membership, Organisation
from core.services import roles_ensure
from grants.demo.application_data import APPLICATIONS, LIGHT_CASES
from grants.demo.applications import application_ensure
from grants.demo.ideas import IDEAS, INVITED, idea_ensure
from grants.demo.indicators import catalogue_ensure
from grants.demo.organisations import ORGANISATIONS, membership_ensure, organisation_ensure
from grants.demo.people import APPLICANT_EMAIL, CASEWORKER_EMAIL, DEMO_USERS, user_ensure
from grants.demo.programmes import (
    ENGAGED,
    PROGRAMMES,
    SMALL,
    closed_call_ensure,
    open_call_ensure,
    programme_ensure,
)
from grants.models import ApplicationStatus
from grants.services.application import application_submit


@dataclass
class DemoSummary:
    """How many objects demo_seed() created."""

    users: int = 0
    organisations: int = 0
    programmes: int = 0
    indicators: int = 0
    calls: int = 0
    applications: int = 0
    submitted: int = 0
    ideas: int = 0
    submitted_now: list = field(default_factory=list)
    # (application, state) of the cases submitted now that the workflow demo takes to a state
    # of their procedure (grants.demo.ideas, LIGHT_CASES)
    procedure_cases: list = field(default_factory=list)

    @property
    def created_anything(self) -> bool:
        return any(astuple(self))


def demo_data_exists() -> bool:
    """Whether the database already holds organisations (demo or real ones)."""
    return Organisation.objects.exists()


@transaction.atomic
def demo_seed(*, submit=application_submit) -> DemoSummary:
    """Create the demo roles, people, programmes, calls, organisations and applications.

    `submit` submits the complete ones; the workflow passes its own, which starts the process.
    The cases of the other procedures (light track, project idea and jury) are listed in
    `procedure_cases` with the state the workflow demo takes them to.
    """
    summary = DemoSummary()
    today = timezone.localdate()
    groups = roles_ensure()

    users = {}
    for person in DEMO_USERS:
        users[person.email], created = user_ensure(person, groups=groups)
        summary.users += created

    organisations, contacts = [], []
    for spec in ORGANISATIONS:
        organisation, contact, created, contact_created = organisation_ensure(spec, groups=groups)
        organisations.append(organisation)
        contacts.append(contact)
        summary.organisations += created
        summary.users += contact_created
    applicant = users[APPLICANT_EMAIL]
    membership_ensure(applicant, organisations[0], role=Membership.Role.ADMIN)
    membership_ensure(applicant, organisations[1], role=Membership.Role.MEMBER)

    calls = {}
    for spec in PROGRAMMES:
        programme, created = programme_ensure(spec)
        summary.programmes += created
        summary.indicators += catalogue_ensure(programme)
        calls[spec.name], created = open_call_ensure(programme, today=today)
        summary.calls += created
    _call, created = closed_call_ensure(calls[SMALL].programme, today=today)
    summary.calls += created

    for spec in APPLICATIONS:
        application, created = application_ensure(
            spec,
            organisation=organisations[spec.organisation],
            call=calls[spec.programme],
            user=applicant if spec.by_applicant else contacts[spec.organisation],
            today=today,
            submit=submit,
        )
        summary.applications += created
        if created and application.status == ApplicationStatus.SUBMITTED:
            summary.submitted += 1
            summary.submitted_now.append(application)

    for spec, state in LIGHT_CASES:
        application, created = application_ensure(
            spec,
            organisation=organisations[spec.organisation],
            call=calls[spec.programme],
            user=contacts[spec.organisation],
            today=today,
            submit=submit,
        )
        summary.applications += created
        if created:
            summary.submitted += 1
            summary.procedure_cases.append((application, state))

    programmes = {name: call.programme for name, call in calls.items()}
    for spec in IDEAS:
        _idea, application, created = idea_ensure(
            spec,
            organisation=organisations[spec.organisation],
            programmes=programmes,
            call=calls[ENGAGED],
            user=contacts[spec.organisation],
            adviser=users[CASEWORKER_EMAIL],
            today=today,
            submit=submit,
        )
        summary.ideas += created
        summary.applications += created and spec.outcome == INVITED
        if application is not None:
            summary.submitted += 1
            summary.procedure_cases.append((application, spec.target))
    return summary
