from decimal import Decimal

from django import template
from django.utils.formats import number_format

from grants.models import IndicatorUnit

register = template.Library()

SUFFIX = {IndicatorUnit.PERCENT: "\N{NO-BREAK SPACE}%", IndicatorUnit.EUR: "\N{NO-BREAK SPACE}€"}


@register.filter
def indicator_value(value, unit="") -> str:
    """A measured value the German way, without trailing zeros: 1.234,5 · 40 % · 12,50 €."""
    if value is None or value == "":
        return "–"
    value = Decimal(value)
    places = 2 if unit == IndicatorUnit.EUR else max(0, -value.normalize().as_tuple().exponent)
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    return text + SUFFIX.get(unit, "")
