"""One aggregated value as the page, the chart and the export show it: small counts of people
are suppressed (statistical disclosure control, IMPACT_MIN_CELL)."""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from core.formatting import format_euro
from grants.models import IndicatorUnit


def min_cell() -> int:
    return settings.IMPACT_MIN_CELL


def suppression_note(limit: int) -> str:
    """The rule as the page and the export state it."""
    return _("Zahlen über Personen unter %(limit)s werden nicht gezeigt.") % {"limit": limit}


@dataclass(frozen=True)
class Figure:
    """An aggregated indicator value. A suppressed figure does not keep its number at all, so
    no template, chart or sheet can show it by mistake."""

    value: Decimal | None
    unit: str = IndicatorUnit.COUNT
    suppressed: bool = False
    limit: int = 0

    @property
    def text(self) -> str:
        if self.suppressed:
            return f"< {self.limit}"
        if self.value is None:
            return "–"
        if self.unit == IndicatorUnit.EUR:
            return format_euro(self.value)
        places = max(0, -self.value.normalize().as_tuple().exponent)
        number = number_format(self.value, decimal_pos=places, use_l10n=True, force_grouping=True)
        return f"{number}\N{NO-BREAK SPACE}%" if self.unit == IndicatorUnit.PERCENT else number

    @property
    def cell(self) -> Decimal | str | None:
        """What a spreadsheet cell holds: the number, the text "< 5", or nothing."""
        return self.text if self.suppressed else self.value

    def __str__(self) -> str:
        return self.text


def figure(value: Decimal | None, *, unit: str, about_people: bool) -> Figure:
    """The rule: an aggregated count of people below IMPACT_MIN_CELL (0 included) is shown
    as "< 5", never as the number."""
    limit = min_cell()
    if value is not None and about_people and unit == IndicatorUnit.COUNT and value < limit:
        return Figure(value=None, unit=unit, suppressed=True, limit=limit)
    return Figure(value=value, unit=unit, limit=limit)
