"""django-axes: 5 failed logins for one address from one IP address lock that pair for 30
minutes; others are not affected; a successful login or a new password ends the count. The
tests keep axes on: its database handler's rows roll back with each test."""

import re

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from tests.core.login_helpers import LOGIN, PASSWORD, logged_in_user_id
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WRONG = "falsch-falsch-falsch-1"
EMAIL = "amina@example.org"


def attempt(client, email, password, **extra):
    return client.post(LOGIN, {"username": email, "password": password}, **extra)


def fail(client, email=EMAIL, times=1, **extra):
    return [attempt(client, email, WRONG, **extra) for _ in range(times)]


@pytest.fixture
def person(db):
    return UserFactory(email=EMAIL)


def test_five_wrong_passwords_lock_the_address_even_for_the_right_one(client, person):
    responses = fail(client, times=5)
    assert [r.status_code for r in responses[:4]] == [200] * 4

    response = attempt(client, EMAIL, PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in page
    assert "5 fehlgeschlagene Anmeldeversuche" in page
    assert "30 Minuten lang gesperrt" in page
    assert re.search(r"ab \d\d:\d\d Uhr wieder", page)
    assert reverse("password_reset") in page
    assert logged_in_user_id(client) is None


def test_the_lockout_counts_the_address_in_any_case(client, person):
    variants = [
        "amina@example.org",
        "Amina@Example.org",
        " AMINA@example.org ",
        "aMINA@example.ORG",
    ]
    for email in [*variants, "amina@EXAMPLE.org"]:
        fail(client, email)

    assert attempt(client, EMAIL, PASSWORD).status_code == 429


def test_another_person_and_the_same_person_elsewhere_are_not_affected(client, person):
    other = UserFactory(email="bekir@example.org")
    fail(client, times=5)

    assert attempt(client, other.email, PASSWORD).status_code == 302
    client.post(reverse("logout"))
    elsewhere = attempt(client, EMAIL, PASSWORD, REMOTE_ADDR="203.0.113.7")
    assert elsewhere.status_code == 302


def test_a_successful_login_resets_the_count(client, person):
    fail(client, times=4)
    assert attempt(client, EMAIL, PASSWORD).status_code == 302
    client.post(reverse("logout"))

    responses = fail(client, times=4)

    assert [r.status_code for r in responses] == [200] * 4
    assert attempt(client, EMAIL, PASSWORD).status_code == 302


def test_a_new_password_through_the_reset_link_ends_the_lockout(client, person, mailoutbox):
    fail(client, times=5)
    client.post(reverse("password_reset"), {"email": EMAIL})
    link = re.search(r"https?://testserver(/\S+)", mailoutbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "Regenbogen-ueber-Barmen-5"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    assert attempt(client, EMAIL, new_password).status_code == 302


def test_a_lockout_does_not_outlive_its_test(client, person):
    # runs after the tests above, which locked the same address from the same IP address
    assert not AccessAttempt.objects.exists()
    assert attempt(client, EMAIL, PASSWORD).status_code == 302
