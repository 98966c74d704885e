"""Applicants may turn the second factor on (then the login asks for the code) and off again
with password and code; staff cannot turn it off."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.models import AuditEntry
from tests.core.login_helpers import (
    CODE_PAGE,
    PASSWORD,
    app_code,
    device_of,
    logged_in_user_id,
    password_step,
    staff_person,
    wrong_code,
)

pytestmark = pytest.mark.django_db

SECURITY = reverse("account_security")
SETUP = reverse("account_security_setup")
DISABLE = reverse("account_security_disable")
HOME = reverse("portal:home")


def turn_on(client, person) -> TOTPDevice:
    client.get(SETUP)
    response = client.post(SETUP, {"token": app_code(device_of(person))})
    assert response.url == SECURITY
    return device_of(person)


def test_the_security_page_needs_a_login(client, db):
    assert client.get(SECURITY).url == f"{reverse('login')}?next={SECURITY}"


def test_an_applicant_turns_the_second_factor_on_and_then_needs_the_code_at_login(
    client, applicant
):
    password_step(client, applicant)
    page = client.get(SECURITY).content.decode()
    assert "Ausgeschaltet." in page
    assert SETUP in page
    setup_page = client.get(SETUP).content.decode()
    assert '<svg role="img"' in setup_page

    device = turn_on(client, applicant)

    assert device.confirmed
    page = client.get(SECURITY).content.decode()
    assert "Die Zwei-Faktor-Anmeldung ist eingeschaltet." in page
    assert "Eingeschaltet." in page
    client.post(reverse("logout"))

    response = password_step(client, applicant)

    assert response.url == CODE_PAGE
    assert logged_in_user_id(client) is None
    assert client.get(HOME).status_code == 302
    response = client.post(CODE_PAGE, {"token": app_code(device)})
    assert response.url == HOME
    assert client.get(HOME).status_code == 200


def test_turning_it_off_needs_the_password_and_a_current_code(client, applicant):
    password_step(client, applicant)
    device = turn_on(client, applicant)

    wrong_password = client.post(
        DISABLE, {"password": "falsch-falsch-9", "token": app_code(device)}
    )
    assert "Das Passwort stimmt nicht." in wrong_password.content.decode()
    wrong = client.post(DISABLE, {"password": PASSWORD, "token": wrong_code(device)})
    assert wrong.status_code == 400
    assert "Der Code stimmt nicht." in wrong.content.decode()
    no_code = client.post(DISABLE, {"password": PASSWORD})
    assert "Dieses Feld ist zwingend erforderlich." in no_code.content.decode()
    assert TOTPDevice.objects.filter(user=applicant).exists()

    device.throttling_failure_timestamp = None  # the person waited after the wrong code
    device.save()
    response = client.post(DISABLE, {"password": PASSWORD, "token": app_code(device)})

    assert response.url == SECURITY
    assert not TOTPDevice.objects.filter(user=applicant).exists()
    entry = AuditEntry.objects.get(action="core.user.otp_disabled")
    assert entry.actor == applicant
    assert entry.label == "Zwei-Faktor-Anmeldung ausgeschaltet"
    client.post(reverse("logout"))
    assert password_step(client, applicant).url == HOME


def test_staff_cannot_turn_it_off_and_see_that_it_is_mandatory(client):
    person = staff_person()
    client.force_login(person)

    page = client.get(SECURITY).content.decode()
    assert "Pflicht und lässt sich nicht ausschalten" in page
    assert DISABLE not in page
    response = client.post(DISABLE, {"password": PASSWORD, "token": "123456"})
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=person, confirmed=True).exists()
    assert client.get(SETUP).url == SECURITY
