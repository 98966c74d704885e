"""core.sepa: text for the bank reduced to the SEPA character set (with the German umlauts)."""

import pytest

from core.sepa import sepa_ascii, sepa_text


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("Verein\x07", "Verein"),
        ("Ver\x00ein\x1b[31m", "Verein(31m"),
        ("Verein\u200b Brücke\u202e", "Verein Brücke"),
        ("Verein\x85\x9fNord", "VereinNord"),
        ("Kulturverein\r\nBrücke\te. V.", "Kulturverein Brücke e. V."),
        ("  viel   Platz  ", "viel Platz"),
    ],
)
def test_control_and_format_characters_never_survive(entered, stored):
    assert sepa_text(entered) == stored


def test_german_umlauts_and_sharp_s_are_kept_as_german_banks_accept_them():
    assert sepa_text("Süd-Straße Ölberg & Äpfel 5 %") == "Süd-Straße Ölberg & Äpfel 5 %"


@pytest.mark.parametrize(
    ("entered", "stored"),
    [
        ("Café Crème", "Cafe Creme"),
        ("Łódź Ærø", "Lodz AEro"),
        ("„Zukunft“ – jetzt!", "'Zukunft' - jetzt."),
        ("Kinder_Jugend; 5€", "Kinder-Jugend, 5EUR"),
        ("Zo\u0308e", "Zöe"),  # a combining diaeresis joins its letter
    ],
)
def test_other_characters_are_transliterated(entered, stored):
    assert sepa_text(entered) == stored


def test_a_name_without_latin_letters_becomes_empty_for_the_caller_to_refuse():
    assert sepa_text("جمعية الجسر") == ""


def test_every_stored_character_is_in_the_sepa_set_with_the_dk_extension():
    allowed = set(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 /-?:().,'+ÄÖÜäöüß&*$%"
    )
    every_character = "".join(chr(code) for code in range(0x2500))
    assert set(sepa_text(every_character)) <= allowed


def test_the_file_spells_umlauts_out_in_the_basic_set():
    assert sepa_ascii("Kulturverein Brücke Süd e. V. & Straße") == (
        "Kulturverein Bruecke Sued e. V. + Strasse"
    )
