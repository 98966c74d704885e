"""applicants.iban.parse_iban: what is accepted, and what the applicant is told otherwise."""

import pytest
from django.core.exceptions import ValidationError

from applicants.iban import parse_iban, validate_iban
from applicants.models import BankAccount
from tests.factories import OrganisationFactory


def refusal(value: str) -> ValidationError:
    with pytest.raises(ValidationError) as info:
        parse_iban(value)
    return info.value


def test_a_valid_iban_is_accepted_and_its_bank_is_known():
    iban = parse_iban("DE89370400440532013000")
    assert iban.compact == "DE89370400440532013000"
    assert iban.bank_name == "Commerzbank"
    assert str(iban.bic) == "COBADEFFXXX"


@pytest.mark.parametrize(
    "written",
    [
        "DE89 3704 0044 0532 0130 00",
        "  DE89 3704 0044 0532 0130 00  ",
        "de89 3704 0044 0532 0130 00",
    ],
)
def test_spaces_and_lower_case_are_allowed_and_compacted(written):
    assert parse_iban(written).compact == "DE89370400440532013000"


def test_a_wrong_iban_checksum_is_refused_with_its_reason():
    error = refusal("DE88370400440532013000")
    assert error.code == "invalid_iban"
    assert error.messages == [
        "Die IBAN ist ungültig (Prüfziffer stimmt nicht). Bitte prüfen Sie jede Ziffer."
    ]


def test_a_wrong_german_account_check_digit_is_refused():
    error = refusal("DE08370400440532013100")
    assert error.code == "invalid_iban"
    assert error.messages == [
        "Die IBAN ist ungültig (Kontonummer-Prüfziffer stimmt nicht). Bitte prüfen Sie jede Ziffer."
    ]


def test_an_unknown_german_bank_code_is_refused():
    error = refusal("DE65123456780532013000")
    assert error.code == "unknown_bank"
    assert error.messages == [
        "Zu dieser IBAN ist keine Bank bekannt. Bitte prüfen Sie die Bankleitzahl."
    ]


@pytest.mark.parametrize("value", ["DE8937040044053201300", "DE893704004405320130000"])
def test_an_iban_of_the_wrong_length_is_refused(value):
    error = refusal(value)
    assert error.messages == [
        "Die IBAN ist ungültig (falsche Länge). Bitte prüfen Sie jede Ziffer."
    ]


def test_letters_where_digits_belong_are_refused():
    error = refusal("DE89 3704 0044 0532 0130 0X")
    assert "unzulässige Zeichen" in error.messages[0]


def test_an_unknown_country_code_is_refused():
    error = refusal("XX89370400440532013000")
    assert "unbekannter Ländercode" in error.messages[0]


@pytest.mark.parametrize("value", ["", "   ", "DE"])
def test_empty_or_truncated_input_is_refused_with_a_german_message(value):
    error = refusal(value)
    assert error.messages[0].startswith("Die IBAN ist ungültig")


def test_the_validator_raises_the_same_refusal():
    with pytest.raises(ValidationError, match="Prüfziffer stimmt nicht"):
        validate_iban("DE88370400440532013000")
    validate_iban("DE89370400440532013000")


@pytest.mark.django_db
def test_a_bank_account_stores_the_compact_iban_with_bank_name_and_bic():
    organisation = OrganisationFactory(bank_account=None)
    account = BankAccount(
        organisation=organisation, holder=organisation.name, iban="DE89 3704 0044 0532 0130 00"
    )
    account.full_clean()
    assert account.iban == "DE89370400440532013000"
    assert account.bank_name == "Commerzbank"
    assert account.bic == "COBADEFFXXX"
    assert account.iban_formatted == "DE89 3704 0044 0532 0130 00"
