"""Who may NOT: applicants on staff pages, the reviewer on the decision, members of the
applicant organisation on any task of its case, other organisations on the notice."""

import re

import pytest
from django.urls import get_resolver, reverse

from applicants.models import Membership
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import ApplicationStatus, Notice, Review
from tests.workflow.conftest import staff_member
from tests.workflow.helpers import FLOW, case_url, open_task, take_and_complete
from workflow.application.case import case_submit

pytestmark = pytest.mark.django_db

STAFF_URLS = [
    "/staff/",
    "/staff/antraege/",
    "/staff/verfahren/",
    "/staff/verfahren/inbox/",
    "/staff/verfahren/queue/",
    "/staff/verfahren/archive/",
]


@pytest.fixture
def submitted(draft, applicant):
    return case_submit(application=draft, user=applicant)


def staff_routes() -> list[str]:
    """Every route under /staff/, taken from the URL resolver."""
    routes = []

    def walk(patterns, prefix):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns, route)
            elif route.startswith("staff/"):
                routes.append(route)

    walk(get_resolver().url_patterns, "")
    return routes


def test_an_applicant_reaches_no_staff_page(client, applicant, submitted):
    client.force_login(applicant)
    task = open_task(submitted, FLOW.formal_check)
    ids = {"process_pk": task.process_id, "task_pk": task.pk, "pk": submitted.pk}
    routes = staff_routes()
    assert len(routes) > 40
    for route in routes:
        url = "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(ids.get(m.group(1), 1)), route)
        assert client.get(url).status_code == 403, url
        assert client.post(url).status_code == 403, url


def test_a_logged_out_visitor_is_sent_to_the_login_from_staff_pages(client, submitted):
    for url in [*STAFF_URLS, case_url(submitted)]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))


def test_a_member_of_the_applicant_organisation_takes_no_task_of_its_case(
    client, submitted, organisation
):
    insider = staff_member(CASEWORKER)
    Membership.objects.create(user=insider, organisation=organisation)
    client.force_login(insider)
    page = client.get(case_url(submitted)).content.decode()
    assert "Sie gehören zur antragstellenden Organisation" in page
    assert "Übernehmen" not in page
    task = open_task(submitted, FLOW.formal_check)
    response = client.post(FLOW.formal_check.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    assert "antragstellenden Organisation" in response.content.decode()
    task.refresh_from_db()
    assert task.owner_id is None


def test_the_reviewer_of_a_case_cannot_take_its_decision(
    client, submitted, staff, budget_line, criteria
):
    both = staff_member(REVIEWER)
    both.groups.add(*staff_member(APPROVER).groups.all())
    take_and_complete(
        client, staff["caseworker"], submitted, FLOW.formal_check, {"result": "complete"}
    )
    bedarf, wirkung = criteria
    take_and_complete(
        client,
        both,
        submitted,
        FLOW.review,
        {
            f"score_{bedarf.pk}": "5",
            f"score_{wirkung.pk}": "5",
            "assessment": "Sehr gut.",
            "recommendation": "approve",
            "no_conflict_of_interest": "on",
        },
    )
    take_and_complete(
        client,
        staff["finance"],
        submitted,
        FLOW.budget_check,
        {f"line_{budget_line.pk}": "8.000,00"},
    )
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.AWAITING_DECISION

    client.force_login(both)
    page = client.get(case_url(submitted)).content.decode()
    assert "Sie haben diesen Antrag begutachtet" in page
    task = open_task(submitted, FLOW.decision)
    assert (
        client.post(FLOW.decision.reverse("assign", args=[task.process_id, task.pk])).status_code
        == 403
    )
    response = client.post(
        FLOW.decision.reverse("execute", args=[task.process_id, task.pk]), {"outcome": "approved"}
    )
    assert response.status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.AWAITING_DECISION


def test_a_reviewer_who_declares_a_conflict_cannot_complete_the_review(
    client, submitted, staff, criteria
):
    take_and_complete(
        client, staff["caseworker"], submitted, FLOW.formal_check, {"result": "complete"}
    )
    bedarf, wirkung = criteria
    response = take_and_complete(
        client,
        staff["reviewer"],
        submitted,
        FLOW.review,
        {
            f"score_{bedarf.pk}": "5",
            f"score_{wirkung.pk}": "5",
            "assessment": "x",
            "recommendation": "approve",
        },
    )
    assert response.status_code == 200
    assert "Interessenkonflikt" in response.content.decode()
    assert not Review.objects.filter(application=submitted).exists()


def test_another_organisation_gets_404_for_the_notice(client, other_applicant, draft):
    notice = Notice(application=draft, kind="approval", version=1)
    notice.file.name = "notices/x.pdf"
    notice.issued_by = other_applicant
    notice.save()
    client.force_login(other_applicant)
    assert client.get(reverse("portal:notice_download", args=[notice.pk])).status_code == 404


@pytest.mark.parametrize(
    ("node_name", "role"),
    [
        ("formal_check", CASEWORKER),
        ("review", REVIEWER),
        ("budget_check", FINANCE),
        ("decision", APPROVER),
    ],
)
def test_every_task_refuses_members_of_the_applicant_and_people_of_other_roles(
    submitted, organisation, node_name, role
):
    node = getattr(FLOW, node_name)
    insider = staff_member(role)
    Membership.objects.create(user=insider, organisation=organisation)
    assert "antragstellenden Organisation" in node.refusal(insider, submitted)
    assert node.refusal(staff_member(role), submitted) is None
    other_role = CASEWORKER if role != CASEWORKER else REVIEWER
    assert "gehört zur Rolle" in node.refusal(staff_member(other_role), submitted)
