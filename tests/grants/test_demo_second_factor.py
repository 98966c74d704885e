"""Demo staff log in with the demo's authenticator key, which `demo_logins` prints and
`demo_code` turns into the current code; applicants need no second factor."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse

from core.services import roles_ensure
from grants.demo import DEMO_PASSWORD, DEMO_USERS
from grants.demo.people import user_ensure
from grants.demo.second_factor import DEMO_TOTP_SECRET

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    roles_ensure()
    return {group.name: group for group in Group.objects.all()}


def test_a_demo_staff_person_logs_in_with_the_code_demo_code_prints(client, groups):
    person = next(p for p in DEMO_USERS if p.is_staff)
    user, _created = user_ensure(person, groups=groups)
    user_ensure(person, groups=groups)  # seeding again keeps the one device
    assert user.totpdevice_set.count() == 1
    response = client.post(reverse("login"), {"username": user.email, "password": DEMO_PASSWORD})
    assert response["Location"].startswith(reverse("otp_verify"))
    out = StringIO()
    call_command("demo_code", stdout=out)
    response = client.post(response["Location"], {"token": out.getvalue().strip()})
    assert response.status_code == 302
    assert client.get("/staff/antraege/").status_code == 200


def test_demo_logins_prints_the_key_for_an_authenticator_app(groups):
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert " ".join(DEMO_TOTP_SECRET[i : i + 4] for i in range(0, 16, 4)) in out.getvalue()


def test_demo_applicants_have_no_second_factor(groups):
    person = next(p for p in DEMO_USERS if not p.is_staff)
    user, _created = user_ensure(person, groups=groups)
    assert not user.totpdevice_set.exists()
