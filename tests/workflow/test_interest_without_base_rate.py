"""A refund claim whose interest starts on a day no Basiszinssatz covers (a stored 01.01.1900,
from before the date bounds): the case page and the portal say so instead of answering 500, and
a repayment or a waiver is refused with the same message, nothing booked."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from budgeting.models import LedgerEntry, RefundClaim, RefundReason, Repayment
from budgeting.services.refund import claim_standing, refund_claim_create
from tests.workflow.grants import approved_grant

pytestmark = pytest.mark.django_db
MESSAGE = "Für den 01.01.1900 ist kein Basiszinssatz hinterlegt"


@pytest.fixture
def claim(draft, applicant, staff, budget_line):
    """A claim of 3,000.00 € on an approved grant, its interest start set to 01.01.1900 in the
    database (as a payout day of 1900 used to make it)."""
    grant = approved_grant(draft, applicant, staff, [(budget_line, "8000.00")])
    refund_claim_create(
        application=grant,
        user=staff["approver"],
        reason=RefundReason.REVOCATION,
        amount=Decimal("3000.00"),
        explanation="Das Projekt findet nicht statt.",
        interest_from=datetime.date(2026, 1, 1),
    )
    RefundClaim.objects.update(interest_from=datetime.date(1900, 1, 1))
    return RefundClaim.objects.get()


def test_the_standing_names_the_missing_base_rate_and_keeps_the_principal(claim):
    standing = claim_standing(claim, datetime.date(2026, 12, 7))
    assert standing.principal_open == Decimal("3000.00")
    assert standing.missing_rate_on == datetime.date(1900, 1, 1)
    assert standing.interest_problem.startswith(MESSAGE)


def test_the_case_page_shows_the_message_instead_of_a_server_error(client, staff, claim):
    client.force_login(staff["finance"])
    response = client.get(reverse("antraege:case", args=[claim.application_id]))
    assert response.status_code == 200
    page = response.content.decode()
    assert MESSAGE in page
    assert "3.000,00" in page


def test_the_portal_shows_the_message_instead_of_a_server_error(client, applicant, claim):
    client.force_login(applicant)
    response = client.get(reverse("portal:application_detail", args=[claim.application_id]))
    assert response.status_code == 200
    assert MESSAGE in response.content.decode()


def test_a_repayment_is_refused_with_the_message_and_nothing_is_booked(client, staff, claim):
    client.force_login(staff["finance"])
    before = (LedgerEntry.objects.count(), Repayment.objects.count())
    response = client.post(
        reverse("antraege:refund_repayment", args=[claim.pk]),
        {f"claim{claim.pk}-amount": "100,00", f"claim{claim.pk}-received_on": "2026-12-01"},
        follow=True,
    )
    assert response.status_code == 200
    assert any(MESSAGE in str(message) for message in response.context["messages"])
    assert (LedgerEntry.objects.count(), Repayment.objects.count()) == before
