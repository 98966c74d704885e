"""Recovery: Administration resets a person's second factor in the user admin (audited); the
person sets up a new app at the next login."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.admin import UserAdmin
from core.login.admin import otp_reset
from core.login.devices import otp_device_reset
from core.models import AuditEntry
from core.roles import ADMINISTRATION, FINANCE
from tests.core.login_helpers import (
    CODE_PAGE,
    SETUP_PAGE,
    logged_in_user_id,
    password_step,
    set_up_app,
    staff_person,
)

pytestmark = pytest.mark.django_db

USERS = reverse("admin:core_user_changelist")


def test_the_user_admin_offers_the_reset():
    assert otp_reset in UserAdmin.actions


def person_with_app(client):
    person = staff_person(FINANCE)
    password_step(client, person)
    set_up_app(client, person)
    client.post(reverse("logout"))
    return person


def test_administration_resets_a_persons_second_factor_in_the_admin(client):
    person = person_with_app(client)
    client.force_login(staff_person(ADMINISTRATION))
    changelist = client.get(USERS).content.decode()
    assert "Zwei-Faktor-Anmeldung zurücksetzen" in changelist

    response = client.post(
        USERS, {"action": "otp_reset", ACTION_CHECKBOX_NAME: [person.pk]}, follow=True
    )

    assert "Die Zwei-Faktor-Anmeldung von 1 Person ist zurückgesetzt" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=person).exists()
    entry = AuditEntry.objects.get(action="core.user.otp_reset")
    assert entry.object_id == str(person.pk)
    assert entry.actor.groups.filter(name=ADMINISTRATION).exists()
    assert entry.before == {"devices": 1}
    assert entry.label == "Zwei-Faktor-Anmeldung von der Administration zurückgesetzt"

    client.post(reverse("logout"))
    assert password_step(client, person).url == CODE_PAGE
    assert client.get(CODE_PAGE).url == SETUP_PAGE
    set_up_app(client, person)
    assert logged_in_user_id(client) == str(person.pk)


def test_a_reset_ends_the_second_factor_of_a_running_session(client):
    person = person_with_app(client)
    client.force_login(person)
    assert client.get("/staff/finanzen/").status_code == 200

    otp_device_reset(user=person, actor=staff_person(ADMINISTRATION))

    code_page = client.get("/staff/finanzen/").url
    assert code_page.startswith(CODE_PAGE)
    # no device any more: the set-up needs the password again
    assert client.get(code_page).url.startswith(reverse("login"))
    assert logged_in_user_id(client) is None


def test_only_administration_may_reset(client):
    person = person_with_app(client)

    with pytest.raises(PermissionDenied):
        otp_device_reset(user=person, actor=staff_person(FINANCE))

    assert TOTPDevice.objects.filter(user=person).exists()
    assert not AuditEntry.objects.filter(action="core.user.otp_reset").exists()
