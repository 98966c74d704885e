"""The exported package is valid 360Giving data, checked offline against the standard's own
JSON schemas (tests/data/360giving, CC BY 4.0, see its README)."""

import datetime
import json
import re
from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from budgeting.opendata.giving360 import package
from budgeting.opendata.jsonout import dumps
from budgeting.opendata.selectors import published_grants
from grants.models import DecisionOutcome
from tests.budgeting.opendata_factories import grant

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).resolve().parent.parent / "data" / "360giving"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\d[Tt]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")


def load(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def format_checker() -> FormatChecker:
    """date-time and uri as the schema means them. Without a checker these formats are mere
    annotations, and then a plain date matches both branches of awardDate's oneOf."""
    checker = FormatChecker(formats=())

    @checker.checks("date-time")
    def is_date_time(value) -> bool:
        return not isinstance(value, str) or bool(
            RFC3339.match(value) and datetime.datetime.fromisoformat(value)
        )

    @checker.checks("uri")
    def is_uri(value) -> bool:
        parts = urlsplit(value) if isinstance(value, str) else None
        return parts is None or bool(parts.scheme and parts.netloc)

    return checker


def package_validator() -> Draft202012Validator:
    """The package schema; the grant schema it refers to by URL is served from the file."""
    package_schema = load("360-giving-package-schema.json")
    grant_schema = load("360-giving-schema.json")
    # The files name their dialect with http://, which referencing does not know as 2020-12.
    grant_resource = DRAFT202012.create_resource(grant_schema)
    urls = {package_schema["properties"]["grants"]["items"]["$ref"], grant_schema["$id"]}
    registry = Registry().with_resources((url, grant_resource) for url in urls)
    Draft202012Validator.check_schema(package_schema)
    Draft202012Validator.check_schema(grant_schema)
    return Draft202012Validator(package_schema, registry=registry, format_checker=format_checker())


def exported() -> dict:
    """The package as a consumer reads the exported JSON text."""
    return json.loads(dumps(package(published_grants())))


def errors(document) -> list[str]:
    """Every message, those of the branches of a failed oneOf too."""
    found = list(package_validator().iter_errors(document))
    return [e.message for error in found for e in (error, *(error.context or ()))]


def test_the_exported_package_is_valid_360giving_data():
    grant(paid=["1000.00"], refunded=["100.00"], districts=(0, 3, 9))
    grant(outcome=DecisionOutcome.PARTIAL, approved="4321.09", summary="")
    grant(organisation__register_number="", requested_amount=Decimal("0.01"), approved="0.01")
    document = exported()
    assert len(document["grants"]) == 3
    assert errors(document) == []


def test_a_grant_without_currency_makes_the_package_invalid():
    grant()
    document = exported()
    del document["grants"][0]["currency"]
    assert "'currency' is a required property" in errors(document)


def test_a_wrong_award_date_or_amount_makes_the_package_invalid():
    grant()
    document = exported()
    document["grants"][0]["awardDate"] = "02.03.2026"
    assert errors(document)
    document = exported()
    document["grants"][0]["amountAwarded"] = "8000.00"
    assert errors(document)


def test_an_empty_package_is_not_valid_360giving_data():
    assert errors(exported())  # "grants" needs one item at least: the command refuses
