"""The organisation identifier of a recipient (360Giving "Recipient Org:Identifier").

org-id.guide has no scheme of its own for the Vereinsregister: every German court register
(Handels-, Vereins-, Genossenschafts-, Partnerschafts- and Gesellschaftsregister) is covered by
DE-CR, "DE-CR-<court>-<register number without spaces>", the court given by its code in GLEIF's
Registration Authorities list (org-id.guide's examples: RA000220-VR8726, RA000351-HRB758147).
"""

import re

from budgeting.opendata.courts import COURT_CODES

# "VR 12345", "HRB 758147", "GnR 12"; capitals after the number belong to it ("HRB 151080 B").
REGISTER = re.compile(
    r"\b(?P<kind>(?i:VR|HRA|HRB|GnR|GsR|PR))\s*(?P<number>\d+)"
    r"(?:\s?(?P<suffix>(?!AG\b)[A-Z]{1,2})\b)?"
)
COURT = re.compile(r"\b(?i:Amtsgericht|AG)\s+(?P<name>[^\d,;()]+)")
KINDS = {"vr": "VR", "hra": "HRA", "hrb": "HRB", "gnr": "GnR", "gsr": "GsR", "pr": "PR"}


def court_code(text: str, default: str) -> str | None:
    """The court named in the text ("beim Amtsgericht Wuppertal"), else the default court;
    None for a court that is named but not known (no identifier is better than a wrong one)."""
    named = COURT.search(text)
    if named is None:
        return default or None
    rest = named["name"].casefold()
    for name in sorted(COURT_CODES, key=len, reverse=True):
        after = rest[len(name) : len(name) + 1]
        if rest.startswith(name) and not (after.isalpha() or after == "-"):  # not Essen-Steele
            return COURT_CODES[name]
    return None


def register_identifier(register_number: str, *, default_court: str) -> str | None:
    """DE-CR-RA000369-VR12345 from "VR 12345 beim Amtsgericht Wuppertal", or None."""
    match = REGISTER.search(register_number or "")
    if match is None:
        return None
    court = court_code(register_number, default_court)
    if court is None:
        return None
    kind = KINDS[match["kind"].casefold()]
    return f"DE-CR-{court}-{kind}{match['number']}{match['suffix'] or ''}"


def recipient_org_id(organisation, *, prefix: str, default_court: str) -> str:
    """The register identifier where there is one, else "<prefix>-org-<pk>"."""
    return (
        register_identifier(organisation.register_number, default_court=default_court)
        or f"{prefix}-org-{organisation.pk}"
    )
