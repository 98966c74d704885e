"""Registration with bad IBANs and dates: refused next to the field, nothing saved."""

import pytest
from django.urls import reverse
from hypothesis import given

from applicants.models import BankAccount, Membership, Organisation
from core.models import AuditEntry, User
from tests.applicants.data import registration_data
from tests.security.fuzz import DATES, FUZZ, IBANS, assert_answer, marked_invalid, rolled_back

pytestmark = pytest.mark.django_db

REGISTER = reverse("portal:register")


def counts():
    return [m.objects.count() for m in (User, Organisation, BankAccount, Membership, AuditEntry)]


def post(client, **overrides):
    before = counts()
    response = client.post(REGISTER, registration_data(**overrides))
    assert_answer(response)
    if response.status_code != 302:
        assert counts() == before
        client.logout()
    return response


@FUZZ
@given(iban=IBANS)
def test_a_bad_iban_is_refused_next_to_the_field(client, iban):
    with rolled_back():
        response = post(client, **{"bank-iban": iban})
        if response.status_code == 400:
            assert marked_invalid(response, "bank-iban")
        client.logout()


@FUZZ
@given(day=DATES)
def test_a_bad_tax_exemption_date_is_refused_next_to_the_field(client, day):
    with rolled_back():
        response = post(client, **{"org-tax_exemption_date": day})
        if response.status_code == 400:
            assert marked_invalid(response, "org-tax_exemption_date")
        client.logout()
