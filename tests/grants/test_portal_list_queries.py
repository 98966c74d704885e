"""The portal's list of applications runs a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def projects(organisation, applicant, rows):
    CallFactory.create_batch(3)
    for number in range(rows):
        ApplicationFactory(
            organisation=organisation, created_by=applicant, title=f"Projekt Nummer {number}"
        )


@pytest.mark.parametrize(("rows", "shown"), [(1, 1), (30, 25)])
def test_the_list_runs_the_same_number_of_queries_for_1_and_30_applications(
    applicant_client, organisation, applicant, rows, shown, django_assert_num_queries
):
    projects(organisation, applicant, rows)
    # session, user, memberships, count, the page's applications, open calls, project ideas
    with django_assert_num_queries(7):
        response = applicant_client.get(reverse("portal:home"))
    page = response.content.decode()
    assert page.count("Projekt Nummer") == shown


def test_a_large_organisation_pages_through_its_applications_newest_first(
    applicant_client, organisation, applicant, django_assert_num_queries
):
    projects(organisation, applicant, 30)
    first = applicant_client.get(reverse("portal:home")).content.decode()
    assert "Seite 1 von 2" in first and "?page=2" in first
    assert "Projekt Nummer 29" in first and "Projekt Nummer 4<" not in first
    with django_assert_num_queries(7):
        second = applicant_client.get(reverse("portal:home") + "?page=2").content.decode()
    assert "Seite 2 von 2" in second
    assert [f"Projekt Nummer {n}<" in second for n in range(5)] == [True] * 5
    assert "Projekt Nummer 29" not in second


def test_links_and_choices_carry_keys_above_999_without_a_thousands_separator(
    applicant_client, organisation, applicant
):
    """`?call=12.345` named no call: the applicant's link to start an application went
    nowhere once the database had created a thousand calls (seen on PostgreSQL)."""
    call = CallFactory(pk=12345)
    other = MembershipFactory(user=applicant, organisation=OrganisationFactory(pk=23456))
    page = applicant_client.get(reverse("portal:home")).content.decode()
    assert f'?call={call.pk}"' in page
    assert f'value="{other.organisation_id}"' in page
