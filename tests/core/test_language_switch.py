"""The language switch: on every portal and public page four languages, each in its own name;
on the staff pages German and English; a logged-in person's choice is saved."""

import pytest
from django.conf import settings
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import translation

from core.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SETLANG = "/i18n/setlang/"
OWN_NAMES = {"de": "Deutsch", "en": "English", "tr": "Türkçe", "ar": "العربية"}


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.deactivate()


def switch(path: str) -> str:
    request = RequestFactory().get(path)
    return Template("{% load languages %}{% language_switch %}").render(
        Context({"request": request, "csrf_token": "token"})
    )


@pytest.mark.parametrize(
    "path", ["/", "/portal/registrieren/", "/transparenz/", "/konto/anmelden/"]
)
def test_public_and_portal_pages_offer_four_languages_in_their_own_names(client, path):
    html = client.get(path).content.decode()
    assert html.count('action="/i18n/setlang/"') == 1
    for code, name in OWN_NAMES.items():
        assert f'value="{code}" lang="{code}"' in html and f">{name}</option>" in html
    assert 'value="ar" lang="ar" dir="rtl"' in html
    assert f'name="next" value="{path}"' in html


def test_staff_pages_offer_german_and_english_only():
    html = switch("/staff/antraege/?status=submitted")
    assert 'value="de"' in html and 'value="en"' in html
    assert 'value="tr"' not in html and 'value="ar"' not in html
    assert 'name="next" value="/staff/antraege/?status=submitted"' in html
    assert 'data-turbo="false"' in html


def test_the_current_language_is_selected():
    with translation.override("tr"):
        html = switch("/portal/")
    assert 'value="tr" lang="tr" dir="ltr" selected' in html


def test_a_visitor_switches_with_a_cookie_and_goes_back(client):
    response = client.post(SETLANG, {"language": "tr", "next": "/transparenz/"})
    assert response.status_code == 302 and response["Location"] == "/transparenz/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "tr"
    assert '<html lang="tr"' in client.get("/").content.decode()


def test_a_logged_in_person_switches_and_the_choice_is_saved(client):
    person = UserFactory(language="")
    client.force_login(person)
    client.post(SETLANG, {"language": "ar", "next": "/portal/"})
    person.refresh_from_db()
    assert person.language == "ar"
    client.post(SETLANG, {"language": "en", "next": "/portal/"})
    person.refresh_from_db()
    assert person.language == "en"


def test_an_unknown_language_is_neither_saved_nor_a_foreign_next_followed(client):
    person = UserFactory(language="tr")
    client.force_login(person)
    response = client.post(SETLANG, {"language": "fr", "next": "https://example.com/"})
    assert response.status_code == 302 and response["Location"] == "/"
    person.refresh_from_db()
    assert person.language == "tr"


def test_the_switch_takes_post_only(client):
    assert client.get(SETLANG, {"language": "en"}).status_code == 405
    assert not User.objects.exclude(language="").exists()


def test_without_a_request_there_is_no_switch():
    rendered = Template("{% load languages %}{% language_switch %}").render(Context({}))
    assert rendered.strip() == ""
