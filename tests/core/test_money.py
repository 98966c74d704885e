"""Money is Decimal end to end: one field, one rounding, one split."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from core.formatting import format_euro, format_percent
from core.money import MoneyField, round_money, split_money
from grants.models import Application, CostLine, FinancingLine, Programme


@pytest.mark.parametrize(
    ("value", "expected"),
    [("0.005", "0.01"), ("0.004", "0.00"), ("2.675", "2.68"), ("-0.005", "-0.01"), (3, "3.00")],
)
def test_round_money_rounds_half_up_to_cents(value, expected):
    assert round_money(value) == Decimal(expected)


def test_round_money_refuses_floats():
    with pytest.raises(TypeError):
        round_money(0.1)


def test_a_split_gives_the_remainder_to_the_last_part():
    assert split_money(Decimal("100.00"), [Decimal(1)] * 3) == [
        Decimal("33.33"),
        Decimal("33.33"),
        Decimal("33.34"),
    ]


@given(
    total=st.decimals(min_value=0, max_value=10_000_000, places=2),
    weights=st.lists(
        st.decimals(min_value="0.01", max_value=1000, places=2), min_size=1, max_size=8
    ),
)
def test_the_parts_of_a_split_always_sum_to_the_total(total, weights):
    assert sum(split_money(total, weights)) == round_money(total)


def test_every_amount_column_is_the_one_money_field():
    fields = [
        Application._meta.get_field("requested_amount"),
        CostLine._meta.get_field("amount"),
        FinancingLine._meta.get_field("amount"),
        Programme._meta.get_field("max_amount"),
    ]
    for field in fields:
        assert isinstance(field, MoneyField)
        assert (field.max_digits, field.decimal_places) == (14, 2)


def test_amounts_are_written_the_german_way():
    with translation.override("de"):
        assert format_euro(Decimal("1234.5")) == "1.234,50\N{NO-BREAK SPACE}€"
        assert format_percent(Decimal("80.00")) == "80"
        assert format_percent(Decimal("12.50")) == "12,5"
