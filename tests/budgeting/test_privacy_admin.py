"""Administration's page of the retention periods: who is due, and the anonymisation action
with its confirmation page."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from core.roles import ADMINISTRATION, FINANCE
from core.services import roles_ensure
from tests.budgeting.privacy_data import person_with_grant_settled
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:budgeting_datasubject_changelist")


def staff_client(client, role):
    roles_ensure()
    user = UserFactory(is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    client.force_login(user)
    return client


def test_administration_sees_who_is_due_and_why_not(client):
    due = person_with_grant_settled(11)[0]
    kept = person_with_grant_settled(9)[0]
    admin = staff_client(client, ADMINISTRATION)

    listing = admin.get(CHANGELIST, {"faellig": "ja"}).content.decode()
    assert due.email in listing and kept.email not in listing

    detail = admin.get(reverse("admin:budgeting_datasubject_change", args=[kept.pk]))
    assert "Aufbewahrungsfrist (10 Jahre) läuft bis" in detail.content.decode()


def test_the_action_asks_first_and_then_anonymises_only_who_is_due(client):
    due = person_with_grant_settled(11)[0]
    kept = person_with_grant_settled(9)[0]
    admin = staff_client(client, ADMINISTRATION)
    data = {"action": "anonymise", "_selected_action": [due.pk, kept.pk]}

    confirm = admin.post(CHANGELIST, data)
    assert "Ja, anonymisieren" in confirm.content.decode()
    due.refresh_from_db()
    assert due.is_active

    done = admin.post(CHANGELIST, {**data, "confirmed": "yes"}, follow=True)
    html = done.content.decode()
    due.refresh_from_db()
    kept.refresh_from_db()
    assert not due.is_active and kept.is_active
    assert "1 Person(en) anonymisiert." in html
    assert "läuft bis" in html  # the refusal for the other one, with its reason


def test_other_staff_do_not_see_the_page(client):
    finance = staff_client(client, FINANCE)
    assert finance.get(CHANGELIST).status_code == 403
