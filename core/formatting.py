"""Formatting for people: amounts the way the active language writes them."""

from decimal import Decimal

from django.utils.formats import number_format

from core.money import round_money


def format_euro(value) -> str:
    """1234.5 -> '1.234,50 €' in German."""
    if value is None or value == "":
        return "–"
    amount = number_format(
        round_money(Decimal(value)), decimal_pos=2, use_l10n=True, force_grouping=True
    )
    return f"{amount}\N{NO-BREAK SPACE}€"


def format_percent(value) -> str:
    """Decimal('80.00') -> '80', Decimal('12.50') -> '12,5' in German."""
    value = Decimal(value)
    places = max(0, -value.normalize().as_tuple().exponent)
    return number_format(value, decimal_pos=places, use_l10n=True)
