"""The admin shows budget lines with their derived amounts and never edits the ledger."""

from decimal import Decimal

import pytest
from django.urls import reverse

from budgeting.models import LedgerEntry, LedgerEntryKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def admin_client_de(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_budget_line_list_shows_committed_and_free(admin_client_de, city_line, finance):
    LedgerEntry.objects.create(
        budget_line=city_line,
        kind=LedgerEntryKind.COMMITMENT,
        amount=Decimal("2500.00"),
        booked_by=finance,
    )
    page = admin_client_de.get(reverse("admin:budgeting_budgetline_changelist"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Haushaltsstellen" in html
    assert f"2.500,00{NBSP}€" in html and f"7.500,00{NBSP}€" in html


def test_ledger_entries_cannot_be_added_changed_or_deleted_in_the_admin(
    admin_client_de, city_line, finance
):
    entry = LedgerEntry.objects.create(
        budget_line=city_line,
        kind=LedgerEntryKind.COMMITMENT,
        amount=Decimal("10.00"),
        booked_by=finance,
    )
    assert admin_client_de.get(reverse("admin:budgeting_ledgerentry_add")).status_code == 403
    change = reverse("admin:budgeting_ledgerentry_change", args=[entry.pk])
    assert admin_client_de.post(change, {"amount": "1.00"}).status_code == 403
    delete = reverse("admin:budgeting_ledgerentry_delete", args=[entry.pk])
    assert admin_client_de.post(delete, {"post": "yes"}).status_code == 403
    assert LedgerEntry.objects.get(pk=entry.pk).amount == Decimal("10.00")
