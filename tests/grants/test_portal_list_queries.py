"""The portal's list of applications runs a fixed number of queries."""

import pytest
from django.urls import reverse

from tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("rows", [1, 30])
def test_the_list_runs_the_same_number_of_queries_for_1_and_30_applications(
    applicant_client, organisation, applicant, rows, django_assert_num_queries
):
    CallFactory.create_batch(3)
    for number in range(rows):
        ApplicationFactory(
            organisation=organisation, created_by=applicant, title=f"Projekt Nummer {number}"
        )
    # session, user, memberships, applications, open calls
    with django_assert_num_queries(5):
        response = applicant_client.get(reverse("portal:home"))
    page = response.content.decode()
    assert page.count("Projekt Nummer") == rows
