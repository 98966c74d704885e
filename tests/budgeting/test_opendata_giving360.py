"""One published grant as a 360Giving object, the package, and the JSON text of amounts."""

import datetime
import json
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgeting.opendata.giving360 import grant_object, package
from budgeting.opendata.jsonout import dumps
from budgeting.opendata.selectors import published_grants
from grants.models import DecisionOutcome
from tests.budgeting.opendata_factories import grant

pytestmark = pytest.mark.django_db


def test_a_grant_becomes_the_360giving_object(settings):
    application = grant(
        outcome=DecisionOutcome.PARTIAL,
        approved="6500.00",
        paid=["5000.00"],
        refunded=["250.50"],
        districts=(0, 5),
        project_start=datetime.date(2026, 4, 1),
        project_end=datetime.date(2026, 12, 31),
    )
    organisation = application.organisation
    organisation.register_number = "VR 4711 beim Amtsgericht Wuppertal"
    organisation.save()
    programme = application.call.programme
    (published,) = published_grants()
    prefix = settings.OPEN_DATA["prefix"]
    assert grant_object(published) == {
        "id": f"{prefix}-{application.reference}",
        "title": "Sprachcafé für Nachbarinnen",
        "description": "Ein wöchentliches Sprachcafé im Stadtteil.",
        "currency": "EUR",
        "amountAppliedFor": Decimal("8000.00"),
        "amountAwarded": Decimal("6500.00"),
        "amountDisbursed": Decimal("4749.50"),
        "awardDate": "2026-03-02",
        "plannedDates": [{"startDate": "2026-04-01", "endDate": "2026-12-31"}],
        "recipientOrganization": [
            {
                "id": "DE-CR-RA000369-VR4711",
                "name": organisation.name,
                "addressLocality": "Wuppertal",
                "postalCode": "42103",
                "addressCountry": "DE",
            }
        ],
        "beneficiaryLocation": [
            {"name": "Elberfeld, Wuppertal", "countryCode": "DE"},
            {"name": "Barmen, Wuppertal", "countryCode": "DE"},
        ],
        "fundingOrganization": [
            {
                "id": "360G-wuppertal",
                "name": "Stadt Wuppertal",
                "department": "Ressort Zuwanderung und Integration",
            }
        ],
        "grantProgramme": [{"code": f"{prefix}-programme-{programme.pk}", "title": programme.name}],
    }


def test_an_organisation_without_register_number_gets_the_publishers_identifier(settings):
    application = grant(organisation__register_number="", summary="")
    (published,) = published_grants()
    obj = grant_object(published)
    prefix = settings.OPEN_DATA["prefix"]
    assert obj["recipientOrganization"][0]["id"] == f"{prefix}-org-{application.organisation_id}"
    assert obj["description"] == obj["title"]


def test_the_award_date_is_the_local_day_of_the_decision():
    grant(decided_on=datetime.date(2026, 12, 31))
    (published,) = published_grants()
    assert grant_object(published)["awardDate"] == "2026-12-31"


def test_the_package_names_publisher_licence_and_version(settings):
    grant()
    data = package(published_grants())
    assert data["version"] == "1.4"
    assert data["publisher"] == {"name": "Stadt Wuppertal", "identifier": "360G-wuppertal"}
    assert data["license"] == settings.OPEN_DATA["license"]
    assert data["accessURL"] == f"{settings.SITE_URL}/transparenz/"
    assert datetime.datetime.fromisoformat(data["issued"]).tzinfo is not None
    assert len(data["grants"]) == 1


def test_amounts_are_json_numbers_with_two_decimals_and_exact():
    grant(approved="8000.00", paid=["0.10", "0.20"], requested_amount=Decimal("10000.05"))
    text = dumps(package(published_grants()))
    assert '"amountAwarded": 8000.00' in text
    assert '"amountAppliedFor": 10000.05' in text
    assert '"amountDisbursed": 0.30' in text
    (parsed,) = json.loads(text, parse_float=Decimal)["grants"]
    assert parsed["amountDisbursed"] == Decimal("0.30")
    assert "Sprachcafé" in text  # UTF-8 as it is, not \u escapes


def test_dumps_writes_nested_documents_as_valid_json():
    document = {"a": [], "b": {}, "c": [{"d": Decimal("1.005")}, None, True, 3, 'x"y']}
    assert json.loads(dumps(document), parse_float=Decimal) == {
        "a": [],
        "b": {},
        "c": [{"d": Decimal("1.01")}, None, True, 3, 'x"y'],
    }
    with pytest.raises(TypeError):
        dumps({"when": datetime.date(2026, 1, 1)})


def read_package() -> tuple[int, dict]:
    with CaptureQueriesContext(connection) as captured:
        data = package(published_grants())
    return len(captured), data


def test_the_package_reads_the_same_queries_for_1_and_20_grants():
    grant(paid=["100.00"], districts=(0, 1))
    one, data = read_package()
    assert len(data["grants"]) == 1
    for number in range(19):
        grant(paid=["100.00"], refunded=["10.00"], districts=(number % 10, (number + 3) % 10))
    twenty, data = read_package()
    assert len(data["grants"]) == 20
    assert (one, twenty) == (2, 2)  # the grants with their figures, and their districts
