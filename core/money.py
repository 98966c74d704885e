"""Money: one field, one rounding rule, one split. Amounts are Decimal, never float."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.validators import MinValueValidator
from django.db import models

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def round_money(value: Decimal | int | str) -> Decimal:
    """Round an amount half-up to whole cents."""
    if isinstance(value, float):
        raise TypeError("Geldbeträge dürfen keine float-Werte sein.")
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def split_money(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split a total by weights; each part is rounded and the last part takes the remainder."""
    if not weights:
        raise ValueError("Mindestens ein Anteil ist nötig.")
    total = round_money(total)
    weight_sum = sum(weights, Decimal(0))
    if weight_sum <= 0:
        raise ValueError("Die Summe der Anteile muss positiv sein.")
    parts = [round_money(total * weight / weight_sum) for weight in weights[:-1]]
    parts.append(total - sum(parts, ZERO))
    return parts


def sum_money(amounts) -> Decimal:
    """Sum amounts, treating missing values as zero."""
    return round_money(sum((a for a in amounts if a is not None), ZERO))


class MoneyField(models.DecimalField):
    """An amount in euros with cent precision."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        for key, default in (("max_digits", 14), ("decimal_places", 2)):
            if kwargs.get(key) == default:
                kwargs.pop(key)
        return name, path, args, kwargs


def non_negative():
    """Validators for an amount that may not be negative."""
    return [MinValueValidator(ZERO)]
