"""Recipient identifiers by org-id.guide's DE-CR scheme, or the publisher's own."""

import pytest

from budgeting.opendata.identifiers import register_identifier

WUPPERTAL = "RA000369"


@pytest.mark.parametrize(
    ("register_number", "identifier"),
    [
        ("VR 12345 beim Amtsgericht Wuppertal", "DE-CR-RA000369-VR12345"),
        ("VR 12345", "DE-CR-RA000369-VR12345"),
        ("vr12345", "DE-CR-RA000369-VR12345"),
        ("Amtsgericht Düsseldorf, HRB 758147", "DE-CR-RA000234-HRB758147"),
        ("HRB 151080 B (AG Köln)", "DE-CR-RA000280-HRB151080B"),
        ("VR 8726 AG Bonn", "DE-CR-RA000220-VR8726"),
        ("GnR 12 beim Amtsgericht Bad Oeynhausen", "DE-CR-RA000213-GnR12"),
        ("VR 3 am Amtsgericht Wuppertal", "DE-CR-RA000369-VR3"),
        ("VR 12345 beim Amtsgericht Charlottenburg", None),
        ("VR 1 beim Amtsgericht Essen-Steele", None),
        ("12345", None),
        ("", None),
        ("Stiftungsverzeichnis 17", None),
    ],
)
def test_register_numbers_become_de_cr_identifiers_or_none(register_number, identifier):
    assert register_identifier(register_number, default_court=WUPPERTAL) == identifier


def test_without_a_default_court_an_unnamed_court_gives_no_identifier():
    assert register_identifier("VR 12345", default_court="") is None
