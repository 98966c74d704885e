"""Which language a page speaks: saved choice, switch cookie, Accept-Language, German; the staff
pages German and English only."""

import pytest
from django.conf import settings
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from core.languages import mail_language, page_language, recipients_by_language
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

REGISTER = "/portal/registrieren/"


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.deactivate()


def html_lang(response) -> str:
    assert response.status_code == 200
    return response.content.decode().split('<html lang="', 1)[1].split('"', 1)[0]


@pytest.mark.parametrize("language", ["de", "en", "tr", "ar"])
def test_the_portal_speaks_every_language_the_browser_asks_for(client, language):
    response = client.get(REGISTER, HTTP_ACCEPT_LANGUAGE=f"{language},de;q=0.5")
    assert html_lang(response) == language
    assert response["Content-Language"] == language


def test_without_any_preference_the_page_is_german(client):
    assert html_lang(client.get(REGISTER)) == "de"
    assert html_lang(client.get(REGISTER, HTTP_ACCEPT_LANGUAGE="fr,it;q=0.8")) == "de"


def test_the_switch_cookie_beats_the_browser(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "tr"
    assert html_lang(client.get("/", HTTP_ACCEPT_LANGUAGE="en")) == "tr"


def test_the_saved_choice_beats_the_cookie_and_the_browser(client):
    person = UserFactory(language="ar")
    client.force_login(person)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("password_reset"), HTTP_ACCEPT_LANGUAGE="tr")
    assert html_lang(response) == "ar"


def test_a_blank_saved_choice_leaves_the_cookie_in_charge(client):
    client.force_login(UserFactory(language=""))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert html_lang(client.get(reverse("password_reset"))) == "en"


def test_an_arabic_page_is_right_to_left_with_bootstraps_rtl_stylesheet(client):
    html = client.get(REGISTER, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert "bootstrap/css/bootstrap.rtl.min.css" in html
    assert "bootstrap/css/bootstrap.min.css" not in html


@pytest.mark.parametrize(("preferred", "expected"), [("en", "en"), ("tr", "de"), ("ar", "de")])
def test_the_staff_pages_speak_german_or_english_only(client, preferred, expected):
    # Content-Language: the login of /admin/ may answer with a redirect (two factors).
    for path in ("/admin/login/", "/staff/"):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE=preferred)
        assert response["Content-Language"] == expected, path


@pytest.mark.parametrize("path", ["/staff/", "/staff/antraege/", "/admin/"])
def test_a_turkish_or_arabic_choice_falls_back_to_german_on_staff_paths(path):
    request = RequestFactory().get(path, HTTP_ACCEPT_LANGUAGE="en")
    request.user = UserFactory(language="tr")
    assert page_language(request) == "de"
    request.user = UserFactory(language="en")
    assert page_language(request) == "en"


def test_the_answer_varies_with_cookie_and_accept_language(client):
    response = client.get("/")
    assert {"Cookie", "Accept-Language"} <= {v.strip() for v in response["Vary"].split(",")}


def test_mail_language_is_the_saved_choice_else_german_and_staff_get_german_or_english():
    assert mail_language(UserFactory(language="tr")) == "tr"
    assert mail_language(UserFactory(language="")) == "de"
    assert mail_language(None) == "de"
    assert mail_language(UserFactory(language=""), fallback="en") == "en"
    assert mail_language(UserFactory(language="ar"), staff=True) == "de"
    assert mail_language(UserFactory(language="en"), staff=True) == "en"


def test_recipients_are_grouped_by_their_persons_language():
    UserFactory(email="ayse@example.org", language="tr")
    UserFactory(email="john@example.org", language="en")
    UserFactory(email="mona@example.org", language="")
    groups = recipients_by_language(
        ["ayse@example.org", "John@Example.org", "mona@example.org", "verein@example.org"]
    )
    assert groups == {
        "tr": ["ayse@example.org"],
        "en": ["John@Example.org"],
        "de": ["mona@example.org", "verein@example.org"],
    }
