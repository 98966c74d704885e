"""Ideas for the tests: a programme with an idea stage, an idea handed in, staff by role."""

from decimal import Decimal

from django.contrib.auth.models import Group

from core.services import roles_ensure
from grants.models import IdeaStage
from grants.services.idea import idea_submit
from tests.factories import CallFactory, MembershipFactory, ProgrammeFactory, UserFactory

INTERNAL_NOTE = "Vorstand wirkt unsicher, Kassenlage beim letzten Projekt prüfen"


def idea_programme(stage=IdeaStage.REQUIRED, **kwargs):
    """A programme with an idea stage and an open call."""
    programme = ProgrammeFactory(idea_stage=stage, **kwargs)
    CallFactory(programme=programme)
    return programme


def idea_handed_in(*, organisation=None, programme=None, user=None, **fields):
    """An idea handed in by a member of the organisation."""
    if user is None:
        membership = MembershipFactory(**({"organisation": organisation} if organisation else {}))
        user, organisation = membership.user, membership.organisation
    data = {
        "title": "Nachbarschaftsgarten am Ölberg",
        "description": "Ein Garten, in dem Familien aus zwölf Ländern gemeinsam gärtnern.",
        "target_group": "Familien mit Kindern im Quartier",
        "place": "Ölberg, Wuppertal-Elberfeld",
        "timeframe": "Frühjahr bis Herbst 2027",
        "rough_cost": Decimal("4800.00"),
    }
    data.update(fields)
    return idea_submit(
        organisation=organisation, programme=programme or idea_programme(), user=user, **data
    )


def staff_in(role: str, **kwargs):
    """A person of staff in the given role group."""
    roles_ensure()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user
