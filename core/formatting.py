"""Formatting for people: amounts and dates the way the active language writes them.

Amounts keep the shape "1.234,56 €" (amount, no-break space, euro sign) in every language;
only the separators follow the language: "1,234.56 €" in English, "1.234,56 €" in Turkish,
"1234,56 €" in Arabic (Django's Arabic formats do not group digits). Digits stay Western.
"""

from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format

from core.money import round_money


def format_euro(value) -> str:
    """1234.5 -> '1.234,50 €' in German, '1,234.50 €' in English."""
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


def format_date(value: date | datetime | None) -> str:
    """A day in the active language's short form: 05.03.2026 in German, 03/05/2026 in English."""
    if value is None:
        return "–"
    if isinstance(value, datetime):
        value = timezone.localdate(value) if timezone.is_aware(value) else value.date()
    return date_format(value, "SHORT_DATE_FORMAT")
