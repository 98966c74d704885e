"""Errors of the budget services, with German messages for the page to show."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from budgeting.models import BudgetLine
from core.formatting import format_euro


@dataclass(frozen=True)
class Shortfall:
    """A budget line that cannot carry its part of a commitment."""

    line: BudgetLine
    needed: Decimal
    free: Decimal
    missing: Decimal

    @property
    def message(self) -> str:
        return _(
            "Auf der Haushaltsstelle %(line)s fehlen %(missing)s "
            "(frei %(free)s, benötigt %(needed)s)."
        ) % {
            "line": self.line,
            "missing": format_euro(self.missing),
            "free": format_euro(self.free),
            "needed": format_euro(self.needed),
        }


class InsufficientFunds(ValidationError):
    """One or more budget lines lack free funds; nothing was booked."""

    def __init__(self, shortfalls: list[Shortfall]):
        super().__init__(
            [ValidationError(s.message, code="insufficient_funds") for s in shortfalls]
        )
        self.shortfalls = shortfalls
