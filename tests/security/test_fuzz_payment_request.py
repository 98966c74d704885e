"""The portal's payment request with bad amounts: refused next to the field, no request, no
process, the ledger untouched."""

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from viewflow.workflow.models import Process

from budgeting.models import LedgerEntry, PaymentRequest
from core.models import AuditEntry
from tests.security.fuzz import FUZZ, NUMBERS, assert_answer, marked_invalid, rolled_back
from tests.workflow.grants import approved_grant

pytestmark = pytest.mark.django_db


@pytest.fixture
def budget_line(budget_line):
    """The city line in this year's budget: the request is paid this year (annuality), so the
    form is offered whatever the month."""
    budget_line.year = timezone.localdate().year
    budget_line.save(update_fields=["year"])
    return budget_line


@pytest.fixture
def final_grant(client, draft, applicant, staff, budget_line):
    """8,000.00 € approved and final by the applicant's waiver."""
    grant = approved_grant(draft, applicant, staff, [(budget_line, "8000.00")])
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    return grant


def counts():
    models = (PaymentRequest, Process, LedgerEntry, AuditEntry)
    return [model.objects.count() for model in models]


@FUZZ
@given(amount=NUMBERS)
def test_a_bad_amount_requests_nothing(client, final_grant, amount):
    url = reverse("portal:payment_request", args=[final_grant.pk])
    data = {"amount": amount, "purpose": "Honorare", "needed_within_two_months": "on"}
    with rolled_back():
        before = counts()
        response = client.post(url, data)
        assert_answer(response)
        if response.status_code == 400:
            assert marked_invalid(response, "amount")
            assert counts() == before
