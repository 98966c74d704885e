"""Staff log in with password and a TOTP code; the first time they set up the app. Through the
real pages with real codes computed from the device's key."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from core.models import AuditEntry
from tests.core.login_helpers import (
    CODE_PAGE,
    SETUP_PAGE,
    app_code,
    device_of,
    logged_in_user_id,
    password_step,
    set_up_app,
    staff_person,
    wrong_code,
)

pytestmark = pytest.mark.django_db

CASES = "/staff/antraege/"


def test_a_staff_person_sets_up_the_app_at_the_first_login_and_then_reaches_the_staff_pages(
    client,
):
    person = staff_person()

    response = password_step(client, person, next=CASES)

    assert response.url == CODE_PAGE
    assert logged_in_user_id(client) is None
    assert client.get(CODE_PAGE).url == SETUP_PAGE
    page = client.get(SETUP_PAGE)
    assert page.status_code == 200
    device = device_of(person)
    assert not device.confirmed

    response = client.post(SETUP_PAGE, {"token": app_code(device)})

    assert response.status_code == 302
    assert response.url == CASES
    assert logged_in_user_id(client) == str(person.pk)
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(CASES).status_code == 200
    entry = AuditEntry.objects.get(action="core.user.otp_confirmed")
    assert (entry.actor, entry.object_id) == (person, str(person.pk))
    assert entry.label == "Zwei-Faktor-Anmeldung eingerichtet"


def test_the_set_up_page_shows_the_qr_code_the_secret_in_groups_and_an_accessible_code_field(
    client,
):
    person = staff_person()
    password_step(client, person)

    html = client.get(SETUP_PAGE).content.decode()

    assert '<svg role="img"' in html
    assert "<title>QR-Code für Ihre Authenticator-App</title>" in html
    assert re.search(r'id="otp-secret"[^>]*>([A-Z2-7]{4} ){7}[A-Z2-7]{4}</code>', html)
    assert 'for="id_token"' in html
    assert 'autocomplete="one-time-code"' in html
    assert 'inputmode="numeric"' in html

    html = client.post(SETUP_PAGE, {"token": "12"}).content.decode()

    assert 'aria-describedby="id_token_helptext id_token_error"' in html
    assert 'aria-invalid="true"' in html
    assert "Bitte geben Sie die sechs Ziffern aus der App ein." in html


def test_a_staff_person_with_an_app_gives_the_code_after_the_password(client):
    person = staff_person()
    password_step(client, person)
    set_up_app(client, person)
    client.post(reverse("logout"))

    response = password_step(client, person)

    assert response.url == CODE_PAGE
    assert logged_in_user_id(client) is None
    page = client.get(CODE_PAGE).content.decode()
    assert "Anmeldung bestätigen" in page
    response = client.post(CODE_PAGE, {"token": app_code(device_of(person))})
    assert response.url == "/staff/"
    assert logged_in_user_id(client) == str(person.pk)
    assert client.get(CASES).status_code == 200


def test_a_wrong_code_is_refused_and_counted(client):
    person = staff_person()
    password_step(client, person)
    set_up_app(client, person)
    client.post(reverse("logout"))
    password_step(client, person)
    device = device_of(person)

    response = client.post(CODE_PAGE, {"token": wrong_code(device)})

    assert response.status_code == 200
    assert "Der Code stimmt nicht." in response.content.decode()
    assert logged_in_user_id(client) is None
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    assert client.get(CASES).url.startswith(reverse("login"))


def test_after_several_wrong_codes_even_the_right_code_must_wait(client):
    person = staff_person()
    password_step(client, person)
    set_up_app(client, person)
    client.post(reverse("logout"))
    password_step(client, person)
    for _ in range(3):
        device = device_of(person)
        device.throttling_failure_timestamp = None  # as if the person had waited each time
        device.save()
        client.post(CODE_PAGE, {"token": wrong_code(device)})
    device = device_of(person)
    assert device.throttling_failure_count == 3  # the next code waits 4 seconds

    response = client.post(CODE_PAGE, {"token": app_code(device)})

    assert "Zu viele falsche Codes. Bitte warten Sie bis" in response.content.decode()
    assert logged_in_user_id(client) is None
    device.refresh_from_db()
    assert device.throttling_failure_count == 3  # a refused try during the wait is not counted


def test_a_code_that_was_used_once_is_not_accepted_again(client):
    person = staff_person()
    password_step(client, person)
    client.get(SETUP_PAGE)
    code = app_code(device_of(person))
    client.post(SETUP_PAGE, {"token": code})
    client.post(reverse("logout"))
    password_step(client, person)

    response = client.post(CODE_PAGE, {"token": code})

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_the_password_step_expires_when_the_code_takes_too_long(client, settings):
    person = staff_person()
    password_step(client, person)
    settings.TWO_FACTOR_PENDING_SECONDS = -1

    response = client.get(SETUP_PAGE)

    assert response.url == reverse("login")


def test_a_staff_login_without_a_page_asked_for_leads_to_the_staff_start_page(client):
    person = staff_person()
    password_step(client, person, next="https://evil.example/")
    client.get(SETUP_PAGE)

    response = client.post(SETUP_PAGE, {"token": app_code(device_of(person))})

    assert response.url == "/staff/"


def test_each_login_gets_its_own_secret_until_the_app_is_set_up(client):
    person = staff_person()
    password_step(client, person)
    client.get(SETUP_PAGE)
    first = device_of(person).key
    client.get(SETUP_PAGE)
    assert device_of(person).key == first  # a reload shows the same QR code

    elsewhere = Client()
    password_step(elsewhere, person)
    elsewhere.get(SETUP_PAGE)

    assert device_of(person).key != first  # one unconfirmed device, with a new secret
    second = device_of(person).key
    password_step(client, person)
    client.get(SETUP_PAGE)
    assert device_of(person).key not in {first, second}
