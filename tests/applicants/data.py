"""Form data for the applicants' pages, shared by the test modules of tests/applicants."""

from applicants.models import BankAccount, Organisation
from core.models import District

VALID_IBAN = "DE89370400440532013000"
OTHER_VALID_IBAN = "DE02500105170137075030"  # ING-DiBa
WRONG_CHECKSUM_IBAN = "DE88370400440532013000"
PASSWORD = "Sonnenblume-im-Garten-7"


def registration_data(**overrides):
    """A complete registration (person-, org-, bank-, consent- prefixes)."""
    data = {
        "person-first_name": "Amina",
        "person-last_name": "Haddad",
        "person-email": "amina@example.org",
        "person-phone": "0202 123456",
        "person-password1": PASSWORD,
        "person-password2": PASSWORD,
        "org-name": "Frauen für Frauen Oberbarmen e. V.",
        "org-legal_form": "ev",
        "org-register_number": "VR 4711",
        "org-street": "Berliner Straße 100",
        "org-postcode": "42277",
        "org-city": "Wuppertal",
        "org-district": District.objects.get(name="Oberbarmen").pk,
        "org-is_nonprofit": "on",
        "org-tax_exemption_date": "2025-02-01",
        "org-contact_name": "Amina Haddad",
        "org-contact_email": "amina@example.org",
        "org-contact_phone": "0202 123456",
        "bank-holder": "Frauen für Frauen Oberbarmen e. V.",
        "bank-iban": "DE89 3704 0044 0532 0130 00",
        "consent-privacy": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def person_data(**overrides):
    """The account form of an invitation (no prefix, no e-mail: the invitation fixes it)."""
    data = {
        "first_name": "Jonas",
        "last_name": "Becker",
        "phone": "",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


def organisation_edit_data(organisation: Organisation, **overrides):
    """The edit form of an organisation as it stands, with `overrides` (org-/bank- keys)."""
    bank_account = BankAccount.objects.filter(organisation=organisation).first()
    data = {
        "org-name": organisation.name,
        "org-legal_form": organisation.legal_form,
        "org-register_number": organisation.register_number,
        "org-street": organisation.street,
        "org-postcode": organisation.postcode,
        "org-city": organisation.city,
        "org-district": organisation.district_id,
        "org-tax_exemption_date": (
            organisation.tax_exemption_date.isoformat() if organisation.tax_exemption_date else ""
        ),
        "org-contact_name": organisation.contact_name,
        "org-contact_email": organisation.contact_email,
        "org-contact_phone": organisation.contact_phone,
        "bank-holder": bank_account.holder if bank_account else organisation.name,
        "bank-iban": bank_account.iban if bank_account else "",
    }
    if organisation.is_nonprofit:
        data["org-is_nonprofit"] = "on"
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}
