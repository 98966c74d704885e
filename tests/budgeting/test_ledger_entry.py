"""The ledger is append-only: corrections are new entries."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.models import LedgerEntry, LedgerEntryKind

pytestmark = pytest.mark.django_db


def test_a_ledger_entry_cannot_be_changed_or_deleted(city_line, finance):
    entry = LedgerEntry.objects.create(
        budget_line=city_line,
        kind=LedgerEntryKind.COMMITMENT,
        amount=Decimal("100.00"),
        booked_by=finance,
    )
    entry.amount = Decimal("1.00")
    with pytest.raises(TypeError):
        entry.save()
    with pytest.raises(TypeError):
        entry.delete()
    with pytest.raises(TypeError):
        LedgerEntry.objects.filter(pk=entry.pk).update(amount=Decimal("1.00"))
    with pytest.raises(TypeError):
        LedgerEntry.objects.filter(pk=entry.pk).delete()
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("100.00")


def test_a_ledger_entry_amount_must_be_positive(city_line, finance):
    entry = LedgerEntry(
        budget_line=city_line,
        kind=LedgerEntryKind.RELEASE,
        amount=Decimal("-5.00"),
        booked_by=finance,
    )
    with pytest.raises(ValidationError):
        entry.full_clean()
