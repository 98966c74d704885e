"""Editing the organisation and its bank account with bad IBANs and dates."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import given

from applicants.models import BankAccount, Organisation
from core.models import AuditEntry
from tests.applicants.data import organisation_edit_data
from tests.security.fuzz import DATES, FUZZ, IBANS, assert_answer, marked_invalid, rolled_back

pytestmark = pytest.mark.django_db

EDIT = reverse("portal:organisation_edit")


def state(organisation):
    account = BankAccount.objects.get(organisation=organisation)
    return (
        model_to_dict(Organisation.objects.get(pk=organisation.pk)),
        model_to_dict(account),
        AuditEntry.objects.count(),
    )


def post_refused_or_saved(client, organisation, field, value):
    before = state(organisation)
    response = client.post(EDIT, organisation_edit_data(organisation, **{field: value}))
    assert_answer(response)
    if response.status_code == 400:
        assert marked_invalid(response, field)
    if response.status_code != 302:
        assert state(organisation) == before


@FUZZ
@given(iban=IBANS)
def test_a_bad_iban_changes_neither_organisation_nor_account(applicant_client, organisation, iban):
    with rolled_back():
        post_refused_or_saved(applicant_client, organisation, "bank-iban", iban)


@FUZZ
@given(day=DATES)
def test_a_bad_tax_exemption_date_changes_nothing(applicant_client, organisation, day):
    with rolled_back():
        post_refused_or_saved(applicant_client, organisation, "org-tax_exemption_date", day)
