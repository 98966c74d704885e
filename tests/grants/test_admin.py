"""Administration manages programmes in the Django admin; applicants never get in."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.roles import ADMINISTRATION
from core.services import roles_ensure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_administration_adds_a_programme_in_the_german_admin(client, applicant):
    roles_ensure()
    administrator = UserFactory(is_staff=True)
    administrator.groups.add(Group.objects.get(name=ADMINISTRATION))
    client.force_login(administrator)
    page = client.get(reverse("admin:grants_programme_add"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Förderprogramm hinzufügen" in html
    assert "Finanzierungsart" in html and "förderfähige Stadtbezirke" in html


def test_an_applicant_cannot_enter_the_admin(client, applicant):
    client.force_login(applicant)
    response = client.get(reverse("admin:grants_programme_changelist"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
