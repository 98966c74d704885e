"""The 360Giving grant objects as one CSV sheet with the standard's column titles.

The titles are the "title" properties of the 360Giving schema as its summary table joins them
("Recipient Org:City"); they are the standard's identifiers and are never translated. A grant
in several districts has several beneficiary locations: they go into the standard's numbered
columns ("Beneficiary Location:0:Name", "Beneficiary Location:1:Name", …), because a value
joined with ";" would read back as one location; while no grant has more than one, the plain
titles are used. Plain UTF-8 without BOM, comma-separated, amounts with a decimal point and
dates as YYYY-MM-DD (the standard's forms, not the German ones of core.exports); text that a
spreadsheet program would run as a formula gets a leading apostrophe (core.exports.safe_text).
"""

import csv
import io
from decimal import Decimal

from core.exports import safe_text

COLUMNS = [
    ("Identifier", ("id",)),
    ("Title", ("title",)),
    ("Description", ("description",)),
    ("Currency", ("currency",)),
    ("Amount Applied For", ("amountAppliedFor",)),
    ("Amount Awarded", ("amountAwarded",)),
    ("Amount Disbursed", ("amountDisbursed",)),
    ("Award Date", ("awardDate",)),
    ("Planned Dates:Start Date", ("plannedDates", 0, "startDate")),
    ("Planned Dates:End Date", ("plannedDates", 0, "endDate")),
    ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
    ("Recipient Org:Name", ("recipientOrganization", 0, "name")),
    ("Recipient Org:City", ("recipientOrganization", 0, "addressLocality")),
    ("Recipient Org:Postal Code", ("recipientOrganization", 0, "postalCode")),
    ("Recipient Org:Country", ("recipientOrganization", 0, "addressCountry")),
    ("Funding Org:Identifier", ("fundingOrganization", 0, "id")),
    ("Funding Org:Name", ("fundingOrganization", 0, "name")),
    ("Funding Org:Department", ("fundingOrganization", 0, "department")),
    ("Grant Programme:Code", ("grantProgramme", 0, "code")),
    ("Grant Programme:Title", ("grantProgramme", 0, "title")),
]
LOCATION = ("Beneficiary Location", "beneficiaryLocation")
LOCATION_FIELDS = [("Name", "name"), ("Country Code", "countryCode")]


def _pick(grant: dict, path):
    value = grant
    for step in path:
        try:
            value = value[step]
        except (KeyError, IndexError):
            return None
    return value


def location_columns(count: int) -> list:
    title, key = LOCATION
    if count <= 1:
        return [(f"{title}:{field}", (key, 0, name)) for field, name in LOCATION_FIELDS]
    return [
        (f"{title}:{number}:{field}", (key, number, name))
        for number in range(count)
        for field, name in LOCATION_FIELDS
    ]


def flatten(grants: list[dict]) -> tuple[list[str], list[list]]:
    """The header and one row of native values (str, Decimal, None) per grant."""
    count = max((len(grant.get(LOCATION[1], [])) for grant in grants), default=0)
    columns = COLUMNS + location_columns(count)
    rows = [[_pick(grant, path) for _title, path in columns] for grant in grants]
    return [title for title, _path in columns], rows


def csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    return safe_text(str(value))


def write_csv(grants: list[dict], stream) -> int:
    """Write the grants as CSV to a text stream; returns the number of rows."""
    header, rows = flatten(grants)
    writer = csv.writer(stream)
    writer.writerow(header)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    return len(rows)


def csv_text(grants: list[dict]) -> str:
    output = io.StringIO()
    write_csv(grants, output)
    return output.getvalue()
