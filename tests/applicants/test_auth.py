"""Logging in with the e-mail address, logging out, resetting a forgotten password."""

import re

import pytest
from django.urls import reverse

from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("login")
FACTORY_PASSWORD = "geheim-und-lang-42"


def page(response) -> str:
    return response.content.decode()


@pytest.fixture
def person(db):
    return MembershipFactory(role="admin", user=UserFactory(email="amina@example.org")).user


def test_the_login_page_asks_for_email_and_password(client):
    content = page(client.get(LOGIN))
    assert "E-Mail-Adresse" in content
    assert 'name="username"' in content
    assert 'name="password"' in content
    assert reverse("password_reset") in content
    assert reverse("portal:register") in content


def test_login_with_email_and_password_leads_to_the_portal(client, person):
    response = client.post(LOGIN, {"username": "amina@example.org", "password": FACTORY_PASSWORD})

    assert response.status_code == 302
    assert response.url == reverse("portal:home")
    assert client.session["_auth_user_id"] == str(person.pk)
    assert client.get(reverse("portal:home")).status_code == 200


def test_login_returns_to_the_page_asked_for(client, person):
    target = reverse("portal:organisation")
    response = client.post(
        LOGIN, {"username": person.email, "password": FACTORY_PASSWORD, "next": target}
    )
    assert response.url == target


def test_login_does_not_redirect_to_another_site(client, person):
    response = client.post(
        LOGIN,
        {"username": person.email, "password": FACTORY_PASSWORD, "next": "https://evil.example/"},
    )
    assert response.url == reverse("portal:home")


def test_a_wrong_password_shows_an_error_and_does_not_log_in(client, person):
    response = client.post(LOGIN, {"username": person.email, "password": "falsch-falsch-1"})

    assert response.status_code == 200
    content = page(response)
    assert 'class="alert alert-danger"' in content
    assert "Bitte E-Mail-Adresse und Passwort eingeben." in content
    assert "_auth_user_id" not in client.session


def test_an_unknown_address_shows_the_same_error(client, db):
    response = client.post(LOGIN, {"username": "niemand@example.org", "password": "x-y-z-123"})
    assert "Bitte E-Mail-Adresse und Passwort eingeben." in page(response)
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, person):
    client.force_login(person)

    assert client.get(reverse("logout")).status_code == 405
    assert "_auth_user_id" in client.session

    response = client.post(reverse("logout"))

    assert response.status_code == 302
    assert response.url == LOGIN
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("portal:home")).status_code == 302


def reset_link(mail) -> str:
    link = re.search(r"https?://testserver(/\S+)", mail.body)
    assert link, mail.body
    return link.group(1)


def test_a_forgotten_password_is_reset_through_the_link_in_the_mail(client, person, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "Amina@Example.org"})

    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert "Bitte sehen Sie in Ihr Postfach" in page(client.get(response.url))
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["amina@example.org"]
    assert mailoutbox[0].subject == "Neues Passwort für Fördertal"

    form_page = client.get(reset_link(mailoutbox[0]), follow=True)
    assert form_page.status_code == 200
    content = page(form_page)
    assert "Neues Passwort festlegen" in content
    assert 'name="new_password1"' in content

    new_password = "Regenbogen-ueber-Barmen-5"
    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert response.url == reverse("password_reset_complete")
    assert "Ihr neues Passwort ist gespeichert" in page(client.get(response.url))

    old = client.post(LOGIN, {"username": "amina@example.org", "password": FACTORY_PASSWORD})
    assert old.status_code == 200
    assert "_auth_user_id" not in client.session
    response = client.post(LOGIN, {"username": "amina@example.org", "password": new_password})
    assert response.status_code == 302
    assert response.url == reverse("portal:home")


def test_a_reset_link_works_only_once(client, person, mailoutbox):
    client.post(reverse("password_reset"), {"email": person.email})
    link = reset_link(mailoutbox[0])
    form_page = client.get(link, follow=True)
    new_password = "Regenbogen-ueber-Barmen-5"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )

    again = client.get(link, follow=True)
    assert "Der Link ist nicht mehr gültig." in page(again)


def test_a_reset_for_an_unknown_address_sends_no_mail_but_says_the_same(client, db, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.org"})
    assert response.url == reverse("password_reset_done")
    assert mailoutbox == []


@pytest.mark.parametrize("name", ["portal:home", "portal:organisation", "portal:organisation_edit"])
def test_a_logged_out_visitor_is_sent_to_the_login_and_back(client, db, name):
    url = reverse(name)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url == f"{LOGIN}?next={url}"


def test_the_reset_mail_is_written_in_german_and_names_the_login(client, person, mailoutbox):
    client.post(reverse("password_reset"), {"email": person.email})

    body = mailoutbox[0].body
    assert body.startswith("Guten Tag,")
    assert "Sie melden sich mit Ihrer E-Mail-Adresse an: amina@example.org" in body
    assert "Der Link gilt nur einmal." in body
    assert "In case" not in body
    assert "&" not in body


def test_login_accepts_the_email_in_any_upper_and_lower_case(client):
    user = UserFactory(email="amina@example.org")
    user.set_password("Sonnenblume-im-Garten-7")
    user.save()
    response = client.post(
        reverse("login"), {"username": "Amina@Example.ORG", "password": "Sonnenblume-im-Garten-7"}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)
