"""The staff list filters by every field the department asked for."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import District
from grants.models import Application, Theme
from tests.factories import ApplicationFactory, CallFactory, ProgrammeFactory
from workflow.application.case import case_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases(organisation, applicant, other_applicant):
    education = ProgrammeFactory(name="Bildungschancen plus", max_amount=Decimal("30000.00"))
    education.themes.set([Theme.objects.get(code="bildungschancen")])
    neighbourhood = ProgrammeFactory(name="Nachbarschaft verbindet")
    neighbourhood.themes.set([Theme.objects.get(code="zusammenleben-quartier")])
    school = ApplicationFactory(
        organisation=organisation,
        created_by=applicant,
        call=CallFactory(programme=education),
        title="Lernpaten Barmen",
        districts=[District.objects.get(name="Barmen")],
    )
    gardeners = other_applicant.memberships.get().organisation
    gardeners.name = "Gartenfreunde Wichlinghausen e. V."
    gardeners.save()
    garden = ApplicationFactory(
        organisation=gardeners,
        created_by=other_applicant,
        call=CallFactory(programme=neighbourhood),
        title="Nachbarschaftsgarten",
        requested_amount=Decimal("8000.00"),
    )
    for application, user in ((school, applicant), (garden, other_applicant)):
        case_submit(application=application, user=user)
    Application.objects.filter(pk=school.pk).update(
        submitted_at=timezone.now() - datetime.timedelta(days=40)
    )
    school.refresh_from_db()
    return {"school": school, "garden": garden}


def titles(client, query):
    page = client.get("/staff/antraege/?" + query).content.decode()
    return {title for title in ("Lernpaten Barmen", "Nachbarschaftsgarten") if title in page}


def test_each_filter_narrows_the_list(client, staff, cases):
    client.force_login(staff["caseworker"])
    school, garden = cases["school"], cases["garden"]
    recent = (timezone.localdate() - datetime.timedelta(days=10)).isoformat()
    expectations = {
        "": {"Lernpaten Barmen", "Nachbarschaftsgarten"},
        f"programme={school.call.programme_id}": {"Lernpaten Barmen"},
        f"call={garden.call_id}": {"Nachbarschaftsgarten"},
        "status=submitted": {"Lernpaten Barmen", "Nachbarschaftsgarten"},
        "status=approved": set(),
        f"district={District.objects.get(name='Barmen').pk}": {"Lernpaten Barmen"},
        f"theme={Theme.objects.get(code='zusammenleben-quartier').pk}": {"Nachbarschaftsgarten"},
        "amount_min=8000&amount_max=8000": {"Lernpaten Barmen", "Nachbarschaftsgarten"},
        "amount_max=7999": set(),
        f"submitted_from={recent}": {"Nachbarschaftsgarten"},
        f"submitted_to={recent}": {"Lernpaten Barmen"},
        "q=lernpaten": {"Lernpaten Barmen"},
        "q=gartenfreunde": {"Nachbarschaftsgarten"},
        f"q={school.reference}": {"Lernpaten Barmen"},
    }
    for query, expected in expectations.items():
        assert titles(client, query) == expected, query
