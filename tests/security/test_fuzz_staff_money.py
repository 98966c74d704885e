"""Finanzen's forms with bad amounts and dates: a repayment on a refund claim, money received
from a co-funder, the date range of the payout file. Nothing is booked on a refusal."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from budgeting.models import BudgetLine, FundingSource, LedgerEntry, RefundClaim, Repayment
from budgeting.services.cofunding import pledge_record
from core.models import AuditEntry
from tests.security.fuzz import (
    DATES,
    FUZZ,
    NUMBERS,
    assert_answer,
    marked_invalid,
    rolled_back,
)
from tests.workflow.test_revocation import budget_line, paid_grant, revoke  # noqa: F401

pytestmark = pytest.mark.django_db


def bookings():
    return [model.objects.count() for model in (LedgerEntry, Repayment, AuditEntry)]


@pytest.fixture
def claim(client, staff, paid_grant):  # noqa: F811
    """A refund claim of 3,000.00 € after a revocation; Finanzen are logged in."""
    revoke(client, staff["approver"], paid_grant)
    client.force_login(staff["finance"])
    return RefundClaim.objects.get()


@FUZZ
@given(amount=NUMBERS, day=st.one_of(st.just(datetime.date.today().isoformat()), DATES))
def test_a_bad_repayment_books_nothing(client, claim, amount, day):
    prefix = f"claim{claim.pk}"
    data = {f"{prefix}-amount": amount, f"{prefix}-received_on": day}
    url = reverse("antraege:refund_repayment", args=[claim.pk])
    with rolled_back():
        client.get(reverse("antraege:case", args=[claim.application_id]))  # earlier messages
        before = bookings()
        response = client.post(url, data, follow=True)
        assert_answer(response)
        levels = [message.level_tag for message in response.context["messages"]]
        if levels == ["error"]:
            assert bookings() == before
        else:
            assert levels == ["success"]


@pytest.fixture
def pledge(client, staff, programme):
    source = FundingSource.objects.create(name="Freudenberg Stiftung", kind="foundation")
    line = BudgetLine.objects.create(
        year=2026,
        programme=programme,
        source=source,
        produkt="1.05.02.03",
        kostenstelle="20531",
        sachkonto="531820",
        appropriation=Decimal("25000.00"),
    )
    client.force_login(staff["finance"])
    return pledge_record(
        source=source,
        budget_line=line,
        amount=Decimal("25000.00"),
        pledged_on=datetime.date(2026, 1, 15),
        user=staff["finance"],
    )


@FUZZ
@given(field=st.sampled_from(["amount", "received_on"]), value=st.one_of(NUMBERS, DATES))
def test_a_bad_cofunding_receipt_books_nothing(client, pledge, field, value):
    data = {"pledge": pledge.pk, "amount": "1.000,00", "received_on": "2026-02-01", field: value}
    with rolled_back():
        before = bookings()
        response = client.post(reverse("finanzen:cofunder", args=[pledge.source_id]), data)
        assert_answer(response)
        if response.status_code == 400:
            assert marked_invalid(response, field) or 'role="alert"' in response.content.decode()
            assert bookings() == before


@FUZZ
@given(
    field=st.sampled_from(["von", "bis", "ausfuehrungsdatum"]),
    value=DATES,
    kind=st.sampled_from(["xlsx", "csv", "sepa"]),
)
def test_a_bad_payout_file_range_is_refused_next_to_the_field(client, staff, field, value, kind):
    client.force_login(staff["finance"])
    data = {"download": "1", "format": kind, "von": "2026-01-01", "bis": "2026-12-31"}
    data[field] = value
    response = client.get(reverse("antraege:payout_file"), data)
    assert_answer(response)
    if response.status_code == 400 and not marked_invalid(response, field):
        # Well-formed but without payouts, or another field the format needs.
        page = response.content.decode()
        assert "keine Auszahlungen" in page or "aria-invalid" in page
