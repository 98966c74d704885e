"""Numbers as the active language writes them: parsing, the form field, format_euro, dates."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from core.formatting import format_date, format_euro
from core.forms import DateInput, LocalizedDecimalField
from core.numbers import parse_decimal

AMOUNT = Decimal("1234.56")


class AmountForm(forms.Form):
    amount = LocalizedDecimalField(max_digits=14, decimal_places=2, required=False)
    day = forms.DateField(widget=DateInput(), required=False)


def clean(language: str, **data) -> forms.Form:
    with translation.override(language):
        form = AmountForm(data=data)
        form.is_valid()
    return form


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "1.234,56"),
        ("de", "1234,56"),
        ("de", "1234.56"),
        ("de", "1 234,56"),
        ("de", "1.234,56 €"),
        ("tr", "1.234,56"),
        ("tr", "1234,56"),
        ("en", "1,234.56"),
        ("en", "1234.56"),
        ("en", "1234,56"),
        ("en", "€1,234.56"),
        ("ar", "1234,56"),
        ("ar", "1.234,56"),
        ("ar", "١٢٣٤٫٥٦"),
        ("ar", "\u200f1234,56"),
    ],
)
def test_each_language_reads_its_own_way_of_writing_amounts(language, text):
    assert parse_decimal(text, language) == AMOUNT
    assert clean(language, amount=text).cleaned_data["amount"] == AMOUNT


@pytest.mark.parametrize(
    ("language", "text", "value"),
    [
        ("de", "1.234", "1234"),
        ("en", "1,234", "1234"),
        ("de", "12,5", "12.5"),
        ("en", "12.5", "12.5"),
        ("en", "12,5", "12.5"),
        ("de", "-1.000,00", "-1000.00"),
        ("de", "4.000.000,00", "4000000.00"),
    ],
)
def test_grouping_wins_where_it_fits_and_a_lone_other_separator_is_the_decimal_point(
    language, text, value
):
    assert parse_decimal(text, language) == Decimal(value)


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "1,234.56"), ("en", "1.234,56"), ("de", "1.23.4"), ("de", "12a"), ("en", "1,2,3")],
)
def test_the_other_languages_grouping_and_garbage_are_refused(language, text):
    with pytest.raises(ValueError):
        parse_decimal(text, language)
    form = clean(language, amount=text)
    assert "amount" in form.errors


def test_the_error_shows_an_example_in_the_language():
    assert "1.234,56" in clean("de", amount="x").errors["amount"][0]
    assert "1,234.56" in clean("en", amount="x").errors["amount"][0]


def test_an_empty_amount_is_none_and_too_many_decimals_are_refused():
    assert clean("de", amount="  ").cleaned_data["amount"] is None
    assert "amount" in clean("en", amount="1.234").errors


@pytest.mark.parametrize(
    ("language", "shown"),
    [("de", "1.234,56"), ("en", "1,234.56"), ("tr", "1.234,56"), ("ar", "1234,56")],
)
def test_the_field_shows_the_amount_the_way_it_reads_it(language, shown):
    with translation.override(language):
        html = str(AmountForm(initial={"amount": AMOUNT})["amount"])
        assert f'value="{shown}"' in html
        assert AmountForm(data={"amount": shown}).is_valid()


@pytest.mark.parametrize(
    ("language", "big", "small"),
    [
        ("de", "1.234,56", "0,50"),
        ("en", "1,234.56", "0.50"),
        ("tr", "1.234,56", "0,50"),
        ("ar", "1234,56", "0,50"),
    ],
)
def test_format_euro_keeps_its_shape_with_the_languages_separators(language, big, small):
    with translation.override(language):
        assert format_euro(AMOUNT) == f"{big}\N{NO-BREAK SPACE}€"
        assert format_euro("0.5") == f"{small}\N{NO-BREAK SPACE}€"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("de", "05.03.2026"),
        ("en", "05/03/2026"),
        ("tr", "05 Mar 2026"),
        ("ar", "05\u200f/03\u200f/2026"),
    ],
)
def test_dates_are_written_the_languages_short_way(language, text):
    with translation.override(language):
        assert format_date(datetime.date(2026, 3, 5)) == text


@pytest.mark.parametrize(
    ("language", "text"),
    [("de", "05.03.2026"), ("en", "05/03/2026"), ("tr", "05/03/2026"), ("ar", "05/03/2026")],
)
def test_date_inputs_read_the_languages_formats_and_iso(language, text):
    day = datetime.date(2026, 3, 5)
    assert clean(language, day=text).cleaned_data["day"] == day
    assert clean(language, day="2026-03-05").cleaned_data["day"] == day
