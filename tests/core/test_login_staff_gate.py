"""Who has given the password only reaches no page under /staff/ or /admin/."""

from urllib.parse import quote

import pytest
from django.urls import reverse

from core.roles import ADMINISTRATION, FINANCE
from tests.core.login_helpers import (
    CODE_PAGE,
    app_code,
    drop_second_factor,
    logged_in_user_id,
    password_step,
    set_up_app,
    staff_person,
)

pytestmark = pytest.mark.django_db

STAFF_AND_ADMIN_PAGES = [
    "/staff/",
    "/staff/antraege/",
    "/staff/antraege/1/",
    "/staff/antraege/fristen/",
    "/staff/antraege/export/?format=csv",
    "/staff/finanzen/",
    "/staff/wirkung/",
    "/staff/verfahren/queue/",
    "/staff/gibt-es-nicht/",
    "/admin/",
    "/admin/core/user/",
    "/admin/grants/programme/add/",
    "/admin/login/",
    "/admin/gibt-es-nicht/",
]


@pytest.mark.parametrize("url", STAFF_AND_ADMIN_PAGES)
def test_after_the_password_alone_staff_are_not_logged_in_and_reach_no_staff_page(client, url):
    person = staff_person(ADMINISTRATION)
    password_step(client, person)

    response = client.get(url)

    assert logged_in_user_id(client) is None
    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={quote(url, safe='/')}"


@pytest.mark.parametrize("url", STAFF_AND_ADMIN_PAGES)
def test_a_logged_in_session_without_the_second_factor_is_sent_to_the_code(client, url):
    client.force_login(staff_person(ADMINISTRATION))
    drop_second_factor(client)

    response = client.get(url)

    assert response.status_code == 302
    assert response.url.startswith(f"{CODE_PAGE}?next=")


def test_the_code_page_of_a_logged_in_session_leads_back_to_the_page_asked_for(client):
    person = staff_person(FINANCE)
    password_step(client, person)
    device = set_up_app(client, person)
    drop_second_factor(client)
    target = "/staff/finanzen/"

    page = client.get(client.get(target).url)
    assert page.status_code == 200

    response = client.post(f"{CODE_PAGE}?next={target}", {"token": app_code(device)})

    assert response.url == target
    assert client.get(target).status_code == 200


def test_an_applicant_still_gets_403_in_the_staff_area_and_the_admins_own_refusal(
    client, applicant
):
    client.force_login(applicant)

    assert client.get("/staff/antraege/").status_code == 403
    response = client.get("/admin/grants/programme/")
    assert response.url.startswith(reverse("admin:login"))


def test_staff_with_a_verified_session_work_as_before(client):
    client.force_login(staff_person(ADMINISTRATION))

    assert client.get("/admin/core/user/").status_code == 200
