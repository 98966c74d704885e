"""Widerruf: the approver revokes; open requests end; the payouts are claimed back."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from budgeting.balances import grant_balances
from budgeting.models import PaymentRequest, RefundClaim
from core.roles import FINANCE
from grants.models import ApplicationStatus
from tests.workflow.conftest import staff_member
from tests.workflow.grants import approved_grant
from tests.workflow.test_grant_lifecycle import pay
from tests.workflow.test_payouts import request_payment
from workflow.selectors import payout_process_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget_line(budget_line):
    """The conftest's city line in this year's budget: the payout is paid today, and a payout
    is booked in the year it is paid (annuality)."""
    budget_line.year = timezone.localdate().year
    budget_line.save(update_fields=["year"])
    return budget_line


@pytest.fixture
def paid_grant(client, draft, applicant, staff, budget_line):
    grant = approved_grant(draft, applicant, staff, [(budget_line, "8000.00")])
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    request_payment(client, grant, "3.000,00", needed_within_two_months="on")
    people = {**staff, "releaser": staff_member(FINANCE)}
    pay(client, people, PaymentRequest.objects.get())
    client.force_login(applicant)
    request_payment(client, grant, "1.000,00", needed_within_two_months="on")
    return grant


def revoke(client, user, grant, **data):
    client.force_login(user)
    return client.post(
        reverse("antraege:revoke", args=[grant.pk]),
        {"revoke-reasons": "Das Projekt findet nicht statt.", "revoke-confirm": "on", **data},
    )


def test_the_approver_revokes_and_the_payouts_are_claimed_back(client, staff, paid_grant):
    revoke(client, staff["approver"], paid_grant)
    paid_grant.refresh_from_db()
    assert paid_grant.status == ApplicationStatus.REVOKED
    claim = RefundClaim.objects.get(application=paid_grant)
    assert (claim.reason, claim.amount) == ("revocation", Decimal("3000.00"))
    assert "Das Projekt findet nicht statt." in claim.explanation
    open_request = PaymentRequest.objects.get(amount=Decimal("1000.00"))
    assert open_request.status == "returned"
    assert payout_process_of(open_request).status == "CANCELED"
    balances = grant_balances(paid_grant)
    assert (balances.approved, balances.paid) == (Decimal("0.00"), Decimal("3000.00"))


def test_only_the_approver_role_may_revoke(client, staff, paid_grant):
    response = revoke(client, staff["caseworker"], paid_grant)
    assert response.status_code == 403
    assert "Rolle „Bewilligung“" in response.content.decode()
    paid_grant.refresh_from_db()
    assert paid_grant.status == ApplicationStatus.FINAL
    assert not RefundClaim.objects.exists()
