"""The bounds of a date that reaches money (core.dates): 01.01.2000 to 31.12.2099, on the
models (so in every ModelForm and service that calls full_clean) and in the plain forms."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.models import BudgetLine, RefundClaim
from core.dates import validate_day, validate_year
from grants.reports.forms import ReceiptForm
from workflow.change.forms import ChangeRequestForm
from workflow.forms import RepaymentForm
from workflow.payout.forms import ReleaseForm

MESSAGE = "Bitte geben Sie ein Datum zwischen dem 01.01.2000 und dem 31.12.2099 an."


@pytest.mark.parametrize(
    "day", [datetime.date(2000, 1, 1), datetime.date(2026, 12, 7), datetime.date(2099, 12, 31)]
)
def test_a_day_within_the_bounds_is_accepted(day):
    validate_day(day)


@pytest.mark.parametrize(
    "day",
    [
        datetime.date(1, 1, 1),
        datetime.date(1900, 1, 1),
        datetime.date(1999, 12, 31),
        datetime.date(2100, 1, 1),
        datetime.date(9999, 12, 31),
    ],
)
def test_a_day_outside_the_bounds_is_refused_with_the_bounds_named(day):
    with pytest.raises(ValidationError) as refused:
        validate_day(day)
    assert refused.value.messages == [MESSAGE]


def test_a_budget_year_has_the_years_of_the_bounds():
    validate_year(2000)
    validate_year(2099)
    for year in (1999, 2100, 9999):
        with pytest.raises(ValidationError):
            validate_year(year)


def test_the_money_dates_of_the_models_carry_the_bound():
    for model, name in [
        (RefundClaim, "interest_from"),
        (RefundClaim, "due_on"),
        (BudgetLine, "year"),
    ]:
        validators = model._meta.get_field(name).validators
        assert validate_day in validators or validate_year in validators


@pytest.mark.parametrize(
    "form_class, data, field",
    [
        (RepaymentForm, {"amount": "100,00", "received_on": "1900-01-01"}, "received_on"),
        (ReleaseForm, {"decision": "ok", "payout_date": "9999-12-31"}, "payout_date"),
        (
            ChangeRequestForm,
            {"reason": "später", "new_project_end": "0001-01-01"},
            "new_project_end",
        ),
        (
            ReceiptForm,
            {"date": "2100-01-01", "payee": "Copyshop", "purpose": "Flyer", "amount": "12,50"},
            "date",
        ),
    ],
)
def test_the_plain_forms_refuse_a_day_outside_the_bounds(form_class, data, field):
    form = form_class(data)
    assert not form.is_valid()
    assert form.errors[field] == [MESSAGE]


def test_the_date_picker_offers_only_days_within_the_bounds():
    widget = RepaymentForm().fields["received_on"].widget
    attrs = widget.get_context("received_on", None, {})["widget"]["attrs"]
    assert (attrs["min"], attrs["max"]) == ("2000-01-01", "2099-12-31")


@pytest.mark.django_db
def test_a_model_instance_with_a_payout_day_of_1900_does_not_validate():
    claim = RefundClaim(interest_from=datetime.date(1900, 1, 1), due_on=datetime.date(9999, 12, 31))
    with pytest.raises(ValidationError) as refused:
        claim.full_clean()
    assert refused.value.message_dict["interest_from"] == [MESSAGE]
    assert refused.value.message_dict["due_on"] == [MESSAGE]


def test_a_repayment_amount_is_still_read_in_german():
    form = RepaymentForm({"amount": "1.234,56", "received_on": "2026-12-01"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("1234.56")
