"""German is the default language of every page, including Django's own strings."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_registration_page_is_german_through_and_through(client):
    page = client.get(reverse("portal:register")).content.decode()
    assert '<html lang="de"' in page
    assert "– Bitte auswählen –" in page
    assert "Select an option" not in page


def test_the_landing_page_links_login_and_registration(client):
    page = client.get(reverse("landing")).content.decode()
    assert reverse("login") in page and reverse("portal:register") in page
    assert "Zum Inhalt springen" in page
