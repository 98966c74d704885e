"""A line of the Belegliste as the applicant entered or imported it, before it is saved."""

import datetime
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ReceiptRow:
    """One receipt; `number` None means "next free number", `cost_line_id` is optional."""

    date: datetime.date
    payee: str
    purpose: str
    amount: Decimal
    number: int | None = None
    cost_line_id: int | None = None
