"""The organisation's administrator changes its data and bank account."""

import pytest
from django.urls import reverse

from applicants.models import BankAccount, BankAccountChange, Organisation
from core.models import AuditEntry
from tests.applicants.data import OTHER_VALID_IBAN, VALID_IBAN, organisation_edit_data

pytestmark = pytest.mark.django_db

EDIT = reverse("portal:organisation_edit")


def page(response) -> str:
    return response.content.decode()


def test_the_edit_page_shows_the_current_data(applicant_client, organisation):
    response = applicant_client.get(EDIT)

    assert response.status_code == 200
    content = page(response)
    assert f'value="{organisation.name}"' in content
    assert 'value="Friedrich-Ebert-Straße 1"' in content
    assert f'value="{VALID_IBAN}"' in content


def test_the_admin_changes_the_address_and_a_new_iban_waits_for_confirmation(
    applicant_client, organisation, applicant
):
    data = organisation_edit_data(
        organisation,
        **{
            "org-street": "Hofaue 54",
            "org-postcode": "42103",
            "bank-holder": "Kulturverein Brücke e. V.",
            "bank-iban": "DE02 5001 0517 0137 0750 30",
        },
    )

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 302, page(response)
    assert response.url == reverse("portal:organisation")
    organisation.refresh_from_db()
    assert organisation.street == "Hofaue 54"
    assert BankAccount.objects.get(organisation=organisation).iban == VALID_IBAN
    change = BankAccountChange.objects.get(organisation=organisation)
    assert change.is_pending and change.requested_by == applicant
    assert change.iban == OTHER_VALID_IBAN
    assert change.holder == "Kulturverein Brücke e. V."
    assert change.bank_name == "ING-DiBa"
    assert change.bic == "INGDDEFFXXX"
    after = applicant_client.get(reverse("portal:organisation"))
    content = page(after)
    assert "Die Angaben der Organisation sind gespeichert." in content
    assert "Die neue Bankverbindung gilt erst nach Bestätigung." in content
    assert "Hofaue 54" in content
    assert "DE02 5001 0517 0137 0750 30" in content


def test_a_change_is_recorded_in_the_audit_trail(applicant_client, organisation, applicant):
    data = organisation_edit_data(
        organisation, **{"org-street": "Hofaue 54", "bank-iban": OTHER_VALID_IBAN}
    )

    applicant_client.post(EDIT, data)

    entry = AuditEntry.objects.get(action="applicants.organisation.changed")
    assert entry.actor == applicant
    assert entry.object_type == "applicants.organisation"
    assert entry.object_id == str(organisation.pk)
    assert entry.before["street"] == "Friedrich-Ebert-Straße 1"
    assert entry.after["street"] == "Hofaue 54"
    bank = AuditEntry.objects.get(action="applicants.bank_account.change_requested")
    assert bank.actor == applicant and bank.object_id == str(organisation.pk)
    assert bank.before["iban"] == VALID_IBAN
    assert bank.after["iban"] == OTHER_VALID_IBAN


def test_a_bad_iban_leaves_the_old_data_unchanged(applicant_client, organisation):
    name = organisation.name
    data = organisation_edit_data(
        organisation,
        **{
            "org-name": "Neuer Name e. V.",
            "org-street": "Hofaue 54",
            "bank-iban": "DE88370400440532013000",
        },
    )

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 400
    content = page(response)
    assert 'id="id_bank-iban_error"' in content
    assert "Die IBAN ist ungültig (Prüfziffer stimmt nicht)" in content
    organisation = Organisation.objects.get(pk=organisation.pk)
    assert organisation.name == name
    assert organisation.street == "Friedrich-Ebert-Straße 1"
    assert BankAccount.objects.get(organisation=organisation).iban == VALID_IBAN
    assert not AuditEntry.objects.filter(action="applicants.organisation.changed").exists()


def test_the_page_with_errors_still_names_the_organisation_as_it_is_stored(
    applicant_client, organisation
):
    data = organisation_edit_data(
        organisation, **{"org-name": "Neuer Name e. V.", "bank-iban": "DE88370400440532013000"}
    )

    response = applicant_client.post(EDIT, data)

    assert response.context["portal"].organisation.name == organisation.name
    assert 'value="Neuer Name e. V."' in page(response)


def test_an_unknown_bank_is_refused(applicant_client, organisation):
    data = organisation_edit_data(organisation, **{"bank-iban": "DE65123456780532013000"})

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 400
    assert "Zu dieser IBAN ist keine Bank bekannt." in page(response)
    assert BankAccount.objects.get(organisation=organisation).iban == VALID_IBAN


def test_declaring_nonprofit_status_needs_the_tax_exemption_date(applicant_client, organisation):
    data = organisation_edit_data(organisation, **{"org-tax_exemption_date": ""})

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 400
    assert 'id="id_org-tax_exemption_date_error"' in page(response)
    organisation.refresh_from_db()
    assert organisation.tax_exemption_date is not None


def test_an_organisation_without_bank_account_gets_one(applicant_client, organisation, applicant):
    BankAccount.objects.filter(organisation=organisation).delete()
    data = organisation_edit_data(organisation, **{"bank-iban": VALID_IBAN})
    organisation.refresh_from_db()

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 302, page(response)
    account = BankAccount.objects.get(organisation=organisation)
    assert account.iban == VALID_IBAN and account.bank_name == "Commerzbank"
    assert not BankAccountChange.objects.exists()  # the first account needs no confirmation
    entry = AuditEntry.objects.get(action="applicants.bank_account.set")
    assert entry.before == {}
    assert entry.after["iban"] == VALID_IBAN


def test_the_admin_of_another_organisation_changes_only_their_own(
    client, organisation, other_applicant
):
    other = other_applicant.memberships.get().organisation
    client.force_login(other_applicant)
    data = organisation_edit_data(other, **{"org-street": "Hofaue 54"})

    client.post(EDIT, data)

    other.refresh_from_db()
    organisation.refresh_from_db()
    assert other.street == "Hofaue 54"
    assert organisation.street == "Friedrich-Ebert-Straße 1"
