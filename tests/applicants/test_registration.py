"""Registering a person together with their organisation, through HTTP."""

import pytest
from django.urls import reverse

from applicants.models import BankAccount, Membership, Organisation
from core.models import AuditEntry, User
from tests.applicants.data import registration_data
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

REGISTER = reverse("portal:register")


def page(response) -> str:
    return response.content.decode()


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def assert_nothing_saved(client):
    assert not User.objects.exists()
    assert not Organisation.objects.exists()
    assert not BankAccount.objects.exists()
    assert not Membership.objects.exists()
    assert not AuditEntry.objects.exists()
    assert logged_in_user_id(client) is None


def test_the_registration_page_shows_the_four_parts(client):
    response = client.get(REGISTER)
    assert response.status_code == 200
    content = page(response)
    for field_id in ("id_person-email", "id_org-name", "id_bank-iban", "id_consent-privacy"):
        assert f'id="{field_id}"' in content


def test_a_registration_creates_person_organisation_account_and_membership(client):
    response = client.post(REGISTER, registration_data())

    assert response.status_code == 302, page(response)
    assert response.url == reverse("portal:home")
    user = User.objects.get()
    assert user.email == "amina@example.org"
    assert user.get_full_name() == "Amina Haddad"
    assert user.phone == "0202 123456"
    assert user.check_password("Sonnenblume-im-Garten-7")
    assert list(user.groups.values_list("name", flat=True)) == ["Antragsteller"]
    organisation = Organisation.objects.get()
    assert organisation.name == "Frauen für Frauen Oberbarmen e. V."
    assert organisation.district.name == "Oberbarmen"
    assert organisation.is_nonprofit
    assert organisation.tax_exemption_date.isoformat() == "2025-02-01"
    account = organisation.bank_account
    assert account.iban == "DE89370400440532013000"
    assert account.bank_name == "Commerzbank"
    assert account.bic == "COBADEFFXXX"
    membership = Membership.objects.get()
    assert (membership.user, membership.organisation) == (user, organisation)
    assert membership.role == Membership.Role.ADMIN
    entry = AuditEntry.objects.get(action="applicants.organisation.registered")
    assert entry.actor == user
    assert entry.object_id == str(organisation.pk)
    first_account = AuditEntry.objects.get(action="applicants.bank_account.set")
    assert first_account.actor == user and first_account.after["iban"] == account.iban
    assert AuditEntry.objects.count() == 2


def test_after_registering_the_person_is_logged_in_and_acts_for_the_organisation(client):
    client.post(REGISTER, registration_data())

    assert logged_in_user_id(client) == str(User.objects.get().pk)
    response = client.get(reverse("portal:home"))
    assert response.status_code == 200
    content = page(response)
    assert "Frauen für Frauen Oberbarmen e. V." in content
    assert "Willkommen! Ihre Organisation „Frauen für Frauen Oberbarmen e. V.“" in content


def test_the_email_address_is_stored_in_lower_case(client):
    client.post(REGISTER, registration_data(**{"person-email": "Amina@Example.ORG"}))
    assert User.objects.get().email == "amina@example.org"


def test_a_bad_iban_is_shown_next_to_its_field_and_nothing_is_saved(client):
    response = client.post(REGISTER, registration_data(**{"bank-iban": "DE88370400440532013000"}))

    assert response.status_code == 400
    content = page(response)
    assert 'id="id_bank-iban_error"' in content
    error = content.split('id="id_bank-iban_error"', 1)[1].split("</div>", 1)[0]
    assert "Die IBAN ist ungültig (Prüfziffer stimmt nicht)" in error
    assert "Bitte korrigieren Sie die markierten Angaben." in content
    assert_nothing_saved(client)


def test_an_iban_of_an_unknown_bank_is_refused_and_nothing_is_saved(client):
    response = client.post(REGISTER, registration_data(**{"bank-iban": "DE65123456780532013000"}))

    assert response.status_code == 400
    assert "Zu dieser IBAN ist keine Bank bekannt." in page(response)
    assert_nothing_saved(client)


def test_the_entries_are_kept_when_the_page_comes_back_with_errors(client):
    response = client.post(REGISTER, registration_data(**{"bank-iban": "DE88370400440532013000"}))
    content = page(response)
    assert 'value="Frauen für Frauen Oberbarmen e. V."' in content
    assert 'value="amina@example.org"' in content
    assert "Sonnenblume-im-Garten-7" not in content


def test_different_passwords_are_refused(client):
    response = client.post(
        REGISTER, registration_data(**{"person-password2": "Anderes-Passwort-8"})
    )

    assert response.status_code == 400
    content = page(response)
    assert 'id="id_person-password2_error"' in content
    assert "Die beiden Passwörter stimmen nicht überein." in content
    assert_nothing_saved(client)


def test_a_weak_password_is_refused(client):
    response = client.post(
        REGISTER,
        registration_data(**{"person-password1": "12345678", "person-password2": "12345678"}),
    )
    assert response.status_code == 400
    assert 'id="id_person-password1_error"' in page(response)
    assert_nothing_saved(client)


@pytest.mark.parametrize("taken", ["amina@example.org", "Amina@Example.org"])
def test_an_email_address_that_already_has_an_account_is_refused(client, taken):
    existing = UserFactory(email=taken)

    response = client.post(REGISTER, registration_data(**{"person-email": "AMINA@example.org"}))

    assert response.status_code == 400
    content = page(response)
    assert 'id="id_person-email_error"' in content
    assert "Mit dieser E-Mail-Adresse gibt es schon ein Konto." in content
    assert list(User.objects.all()) == [existing]
    assert not Organisation.objects.exists()


def test_a_nonprofit_without_the_date_of_its_tax_exemption_is_refused(client):
    response = client.post(REGISTER, registration_data(**{"org-tax_exemption_date": ""}))

    assert response.status_code == 400
    content = page(response)
    assert 'id="id_org-tax_exemption_date_error"' in content
    assert (
        "Bei anerkannter Gemeinnützigkeit bitte das Datum des Freistellungsbescheids angeben."
        in content
    )
    assert_nothing_saved(client)


def test_an_organisation_that_is_not_nonprofit_needs_no_tax_exemption_date(client):
    data = registration_data(**{"org-is_nonprofit": None, "org-tax_exemption_date": ""})
    response = client.post(REGISTER, data)
    assert response.status_code == 302, page(response)
    organisation = Organisation.objects.get()
    assert not organisation.is_nonprofit and organisation.tax_exemption_date is None


def test_a_registration_without_privacy_consent_is_refused(client):
    response = client.post(REGISTER, registration_data(**{"consent-privacy": None}))

    assert response.status_code == 400
    content = page(response)
    assert 'id="id_consent-privacy_error"' in content
    assert "Dieses Feld ist zwingend erforderlich." in content
    assert_nothing_saved(client)


def test_an_invalid_postcode_is_refused(client):
    response = client.post(REGISTER, registration_data(**{"org-postcode": "4227"}))
    assert response.status_code == 400
    assert "Bitte eine fünfstellige Postleitzahl angeben." in page(response)
    assert_nothing_saved(client)


def test_a_logged_in_person_visiting_the_registration_is_sent_to_the_portal(client):
    client.force_login(MembershipFactory(role="admin").user)

    response = client.get(REGISTER)

    assert response.status_code == 302
    assert response.url == reverse("portal:home")


def test_a_logged_in_person_cannot_register_a_second_account(client):
    client.force_login(MembershipFactory(role="admin").user)

    response = client.post(REGISTER, registration_data())

    assert response.status_code == 302
    assert response.url == reverse("portal:home")
    assert not User.objects.filter(email="amina@example.org").exists()
    assert Organisation.objects.count() == 1
