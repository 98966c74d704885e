"""The weighted total of a review and the rules of a vote: pure functions."""

from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from grants.models import SCORE_MAX, Recommendation


def weighted_total(scores: list[tuple[int, Decimal]]) -> Decimal:
    """Sum of score × weight divided by the sum of weights, to two places (0 to 5 points)."""
    weight_sum = sum((weight for _score, weight in scores), Decimal(0))
    if weight_sum <= 0:
        raise ValueError("Die Summe der Gewichte muss positiv sein.")
    total = sum((Decimal(score) * weight for score, weight in scores), Decimal(0)) / weight_sum
    return total.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def vote_check(
    *,
    criteria,
    scores: dict[int, int],
    recommendation: str,
    recommended_amount: Decimal | None,
    no_conflict_of_interest: bool,
) -> Decimal:
    """The weighted total of a vote (single review or jury seat); refuses a vote with a declared
    conflict, a criterion without points, points outside 0 to 5, or a partial approval without
    the recommended amount."""
    if not no_conflict_of_interest:
        raise ValidationError(
            {
                "no_conflict_of_interest": _(
                    "Bei einem Interessenkonflikt dürfen Sie nicht begutachten. "
                    "Bitte geben Sie die Aufgabe zurück."
                )
            }
        )
    missing = [c.name for c in criteria if c.pk not in scores]
    if missing:
        raise ValidationError(_("Es fehlen Punkte für: %(names)s.") % {"names": ", ".join(missing)})
    if any(not 0 <= scores[c.pk] <= SCORE_MAX for c in criteria):
        raise ValidationError(_("Punkte liegen zwischen 0 und %(max)s.") % {"max": SCORE_MAX})
    if recommendation == Recommendation.PARTIAL and not recommended_amount:
        raise ValidationError({"recommended_amount": _("Bitte nennen Sie den empfohlenen Betrag.")})
    if not criteria:
        return Decimal("0.00")
    return weighted_total([(scores[c.pk], c.weight) for c in criteria])
