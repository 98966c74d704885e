"""Password rules for everyone: at least 12 characters, not a common password, not only
digits, not like the person's own data; the messages are Django's German ones."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from core.models import User
from tests.applicants.data import registration_data
from tests.core.login_helpers import staff_person

pytestmark = pytest.mark.django_db

REGISTER = reverse("portal:register")


def register_with(client, password: str) -> str:
    data = registration_data(**{"person-password1": password, "person-password2": password})
    response = client.post(REGISTER, data)
    assert response.status_code == 400
    assert not User.objects.exists()
    return response.content.decode()


def test_the_registration_refuses_a_password_shorter_than_12_characters(client):
    page = register_with(client, "Kurz-und-9")

    assert "Dieses Passwort ist zu kurz. Es muss mindestens 12 Zeichen enthalten." in page
    assert 'id="id_person-password1_error"' in page


def test_the_registration_refuses_a_common_password(client):
    page = register_with(client, "qwerty123456")

    assert "Dieses Passwort ist zu üblich." in page


def test_the_registration_refuses_a_password_of_digits_only(client):
    page = register_with(client, "804512739164")

    assert "Dieses Passwort ist komplett numerisch." in page


def test_the_registration_refuses_a_password_like_the_email_address(client):
    page = register_with(client, "amina@example.org")

    assert "Das Passwort ist zu ähnlich zu" in page


def test_staff_passwords_need_12_characters_as_well():
    with pytest.raises(ValidationError, match="mindestens 12 Zeichen"):
        validate_password("Elf-Zeichen", staff_person())
    validate_password("Zwölf-Zeichen", staff_person())
