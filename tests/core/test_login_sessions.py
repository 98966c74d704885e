"""Sessions end with the browser, and on the server after 30 minutes without a request for
staff and 2 hours for applicants; the expiry is renewed at most once a minute."""

import datetime

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.core.login_helpers import logged_in_user_id, password_step, staff_person

pytestmark = pytest.mark.django_db

HOME = reverse("portal:home")
STAFF_PAGE = "/staff/antraege/"


def stored(client) -> Session:
    return Session.objects.get(session_key=client.session.session_key)


def idle_for(client, minutes: float) -> None:
    """Move the session's last save `minutes` into the past (its expiry moves with it)."""
    age = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    last_saved = timezone.now() - datetime.timedelta(minutes=minutes)
    Session.objects.filter(session_key=client.session.session_key).update(
        expire_date=last_saved + age
    )


def test_the_session_cookie_ends_with_the_browser(client, applicant):
    response = password_step(client, applicant)

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["max-age"] == ""
    assert cookie["expires"] == ""


def test_staff_are_logged_out_after_30_minutes_without_a_request(client):
    client.force_login(staff_person())
    idle_for(client, 31)

    response = client.get(STAFF_PAGE)

    assert response.url == f"{reverse('login')}?next={STAFF_PAGE}"
    assert logged_in_user_id(client) is None
    page = client.get(response.url).content.decode()
    assert "Sie waren 30 Minuten nicht aktiv und wurden zu Ihrem Schutz abgemeldet." in page


def test_staff_who_were_active_29_minutes_ago_stay_and_their_expiry_is_renewed(client):
    client.force_login(staff_person())
    idle_for(client, 29)
    before = stored(client).expire_date

    assert client.get(STAFF_PAGE).status_code == 200

    assert stored(client).expire_date > before + datetime.timedelta(minutes=28)


def test_staff_get_the_30_minutes_outside_the_staff_area_too(client):
    client.force_login(staff_person())
    idle_for(client, 31)

    client.get(reverse("landing"))

    assert logged_in_user_id(client) is None


def test_applicants_stay_logged_in_for_2_hours_without_a_request(client, applicant):
    client.force_login(applicant)
    idle_for(client, 119)

    assert client.get(HOME).status_code == 200
    assert stored(client).expire_date > timezone.now() + datetime.timedelta(minutes=119)


def test_applicants_are_logged_out_after_2_hours_without_a_request(client, applicant):
    client.force_login(applicant)
    idle_for(client, 121)

    response = client.get(HOME)

    assert response.url == f"{reverse('login')}?next={HOME}"


def test_within_a_minute_a_request_writes_nothing_to_the_session(client, applicant):
    client.force_login(applicant)
    before = stored(client).expire_date

    client.get(HOME)
    client.get(HOME)

    assert stored(client).expire_date == before
