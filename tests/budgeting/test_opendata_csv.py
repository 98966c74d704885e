"""The 360Giving CSV: the standard's column titles, plain UTF-8, no formulas."""

import csv
import io
import json
from pathlib import Path

import pytest

from budgeting.opendata.flatten import COLUMNS, csv_text, location_columns
from budgeting.opendata.giving360 import package
from budgeting.opendata.selectors import published_grants
from tests.budgeting.opendata_factories import grant

pytestmark = pytest.mark.django_db

# The titles of the 360Giving summary table (schema/summary-table/…/grants.csv of the standard).
STANDARD_TITLES = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Applied For",
    "Amount Awarded",
    "Amount Disbursed",
    "Award Date",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:City",
    "Recipient Org:Postal Code",
    "Recipient Org:Country",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Funding Org:Department",
    "Grant Programme:Code",
    "Grant Programme:Title",
]


GRANT_SCHEMA = json.loads(
    (Path(__file__).parent.parent / "data/360giving/360-giving-schema.json").read_text("utf-8")
)


def schema_title(key: str, field: str | None = None, number: int | None = None) -> str:
    """The column title that the 360Giving schema's "title" properties give a field."""
    prop = GRANT_SCHEMA["properties"][key]
    if field is None:
        return prop.get("title") or GRANT_SCHEMA["$defs"][prop["$ref"].split("/")[-1]]["title"]
    item = GRANT_SCHEMA["$defs"][prop["items"]["$ref"].split("/")[-1]]
    numbered = [] if number is None else [str(number)]
    return ":".join([prop["title"], *numbered, item["properties"][field]["title"]])


def test_every_column_title_comes_from_the_schemas_title_properties():
    for title, path in COLUMNS + location_columns(1):
        assert title == schema_title(path[0], *path[2:])
    for title, (key, number, field) in location_columns(3):
        assert title == schema_title(key, field, number)


def test_the_basic_columns_are_those_of_the_standards_summary_table():
    assert [title for title, _path in COLUMNS] == STANDARD_TITLES


def exported_rows() -> tuple[str, list[dict]]:
    text = csv_text(package(published_grants())["grants"])
    return text, list(csv.DictReader(io.StringIO(text)))


def test_the_columns_carry_the_standards_titles():
    application = grant(paid=["2500.00"])
    text, (row,) = exported_rows()
    assert next(csv.reader(io.StringIO(text))) == [
        *STANDARD_TITLES,
        "Beneficiary Location:Name",
        "Beneficiary Location:Country Code",
    ]
    assert row["Identifier"].endswith(application.reference)
    assert (row["Amount Awarded"], row["Amount Disbursed"]) == ("8000.00", "2500.00")
    assert row["Award Date"] == "2026-03-02"
    assert row["Beneficiary Location:Name"] == "Elberfeld, Wuppertal"
    assert row["Currency"] == "EUR"


def test_several_districts_use_the_standards_numbered_columns():
    grant(districts=(0, 5, 9))
    grant(districts=(3,))
    text, rows = exported_rows()
    header = next(csv.reader(io.StringIO(text)))
    assert header[len(STANDARD_TITLES) :] == [
        "Beneficiary Location:0:Name",
        "Beneficiary Location:0:Country Code",
        "Beneficiary Location:1:Name",
        "Beneficiary Location:1:Country Code",
        "Beneficiary Location:2:Name",
        "Beneficiary Location:2:Country Code",
    ]
    names = {row["Beneficiary Location:0:Name"]: row["Beneficiary Location:2:Name"] for row in rows}
    assert names == {"Elberfeld, Wuppertal": "Ronsdorf, Wuppertal", "Vohwinkel, Wuppertal": ""}


def test_the_file_is_plain_utf8_separated_by_commas():
    grant(title="Café, Begegnung; Bildung")
    text, (row,) = exported_rows()
    assert not text.startswith("\ufeff")
    assert text.startswith("Identifier,Title,Description,")
    assert row["Title"] == "Café, Begegnung; Bildung"
    text.encode("utf-8")


def test_text_that_looks_like_a_formula_is_defused():
    grant(
        title='=HYPERLINK("http://example.org")',
        summary="+49 Angebote",
        organisation__name="@Verein",
    )
    _text, (row,) = exported_rows()
    assert row["Title"] == '\'=HYPERLINK("http://example.org")'
    assert row["Description"] == "'+49 Angebote"
    assert row["Recipient Org:Name"] == "'@Verein"
