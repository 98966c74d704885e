"""The weighted total of a review: a pure function."""

from decimal import ROUND_HALF_UP, Decimal


def weighted_total(scores: list[tuple[int, Decimal]]) -> Decimal:
    """Sum of score × weight divided by the sum of weights, to two places (0 to 5 points)."""
    weight_sum = sum((weight for _score, weight in scores), Decimal(0))
    if weight_sum <= 0:
        raise ValueError("Die Summe der Gewichte muss positiv sein.")
    total = sum((Decimal(score) * weight for score, weight in scores), Decimal(0)) / weight_sum
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
