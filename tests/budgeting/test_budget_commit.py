"""budget_commit and budget_release: money is bound pro rata, all lines or none."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.errors import InsufficientFunds, Shortfall
from budgeting.models import LedgerEntry, LedgerEntryKind
from budgeting.selectors import budget_lines_with_amounts, commitments_of
from budgeting.services import budget_check_record, budget_commit, budget_release
from core.models import AuditEntry
from tests.budgeting.factories import BudgetLineFactory

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


def free_of(line) -> Decimal:
    return budget_lines_with_amounts().get(pk=line.pk).free


@pytest.fixture
def three_lines(programme):
    return [BudgetLineFactory(programme=programme) for _ in range(3)]


@pytest.fixture
def planned_in_thirds(application, three_lines, finance):
    amounts = [Decimal("2666.67"), Decimal("2666.67"), Decimal("2666.66")]
    budget_check_record(
        application=application,
        user=finance,
        allocations=list(zip(three_lines, amounts, strict=True)),
    )
    return application


def test_commit_splits_pro_rata_and_the_parts_sum_to_the_amount(
    planned_in_thirds, three_lines, finance
):
    entries = budget_commit(application=planned_in_thirds, amount=Decimal("1000.00"), user=finance)
    assert [(e.budget_line, e.amount) for e in entries] == list(
        zip(three_lines, [Decimal("333.33"), Decimal("333.33"), Decimal("333.34")], strict=True)
    )
    assert sum(e.amount for e in entries) == Decimal("1000.00")
    assert all(e.kind == LedgerEntryKind.COMMITMENT for e in entries)
    assert all(e.application == planned_in_thirds and e.booked_by == finance for e in entries)
    assert [free_of(line) for line in three_lines] == [
        Decimal("9666.67"),
        Decimal("9666.67"),
        Decimal("9666.66"),
    ]


def test_commit_writes_an_audit_entry_per_ledger_entry(planned_in_thirds, three_lines, finance):
    entries = budget_commit(application=planned_in_thirds, amount=Decimal("1000.00"), user=finance)
    audits = AuditEntry.objects.filter(action="budgeting.ledger.commitment")
    assert audits.count() == 3
    audit = audits.for_object(entries[2]).get()
    assert audit.actor == finance
    assert audit.before == {
        "budget_line": three_lines[2].pk,
        "committed": "0.00",
        "free": "10000.00",
    }
    assert audit.after == {
        "budget_line": three_lines[2].pk,
        "application": planned_in_thirds.pk,
        "kind": "commitment",
        "amount": "333.34",
        "committed": "333.34",
        "free": "9666.66",
    }


def test_commit_of_the_full_plan_binds_each_allocation_exactly(
    planned_in_thirds, three_lines, finance
):
    entries = budget_commit(application=planned_in_thirds, amount=Decimal("8000.00"), user=finance)
    assert [e.amount for e in entries] == [
        Decimal("2666.67"),
        Decimal("2666.67"),
        Decimal("2666.66"),
    ]


def test_commit_fails_when_a_line_lacks_free_funds_and_books_nothing(
    application, city_line, land_line, programme, finance, django_user_model
):
    other = BudgetLineFactory(programme=programme)
    LedgerEntry.objects.create(
        budget_line=land_line,
        kind=LedgerEntryKind.COMMITMENT,
        amount=Decimal("9500.00"),
        booked_by=finance,
    )
    budget_check_record(
        application=application,
        user=finance,
        allocations=[(city_line, Decimal("4000.00")), (land_line, Decimal("4000.00"))],
    )
    ledger_before = list(LedgerEntry.objects.values_list("pk", flat=True))
    audits_before = AuditEntry.objects.count()
    with pytest.raises(InsufficientFunds) as error:
        budget_commit(application=application, amount=Decimal("2000.00"), user=finance)
    assert error.value.shortfalls == [
        Shortfall(
            line=land_line,
            needed=Decimal("1000.00"),
            free=Decimal("500.00"),
            missing=Decimal("500.00"),
        )
    ]
    assert error.value.messages == [
        f"Auf der Haushaltsstelle {land_line} fehlen 500,00{NBSP}€ "
        f"(frei 500,00{NBSP}€, benötigt 1.000,00{NBSP}€)."
    ]
    assert isinstance(error.value, ValidationError)
    assert list(LedgerEntry.objects.values_list("pk", flat=True)) == ledger_before
    assert AuditEntry.objects.count() == audits_before
    assert free_of(city_line) == free_of(other) == Decimal("10000.00")


def test_commit_names_every_line_that_lacks_funds(application, city_line, land_line, finance):
    city_line.appropriation = Decimal("100.00")
    city_line.save()
    land_line.appropriation = Decimal("0.00")
    land_line.save()
    budget_check_record(
        application=application,
        user=finance,
        allocations=[(city_line, Decimal("4000.00")), (land_line, Decimal("4000.00"))],
    )
    with pytest.raises(InsufficientFunds) as error:
        budget_commit(application=application, amount=Decimal("8000.00"), user=finance)
    assert [(s.line, s.missing) for s in error.value.shortfalls] == [
        (city_line, Decimal("3900.00")),
        (land_line, Decimal("4000.00")),
    ]
    assert not LedgerEntry.objects.exists()


def test_a_second_commit_is_refused(planned_in_thirds, finance):
    budget_commit(application=planned_in_thirds, amount=Decimal("1000.00"), user=finance)
    with pytest.raises(ValidationError, match="bereits Mittel gebunden"):
        budget_commit(application=planned_in_thirds, amount=Decimal("1000.00"), user=finance)
    assert LedgerEntry.objects.count() == 3


def test_commit_is_refused_without_a_plan(application, finance):
    with pytest.raises(ValidationError, match="keine Haushaltsstelle geplant"):
        budget_commit(application=application, amount=Decimal("1000.00"), user=finance)


def test_commit_is_refused_above_the_planned_sum(planned_in_thirds, finance):
    with pytest.raises(ValidationError) as error:
        budget_commit(application=planned_in_thirds, amount=Decimal("8000.01"), user=finance)
    assert error.value.messages == [
        f"Der zu bindende Betrag 8.000,01{NBSP}€ übersteigt die geplanten 8.000,00{NBSP}€."
    ]
    assert not LedgerEntry.objects.exists()


@pytest.mark.parametrize("amount", ["0.00", "-1.00", "10.005"])
def test_commit_is_refused_for_an_amount_that_is_not_a_positive_cent_amount(
    planned_in_thirds, finance, amount
):
    with pytest.raises(ValidationError, match="positiver Centbetrag"):
        budget_commit(application=planned_in_thirds, amount=Decimal(amount), user=finance)
    assert not LedgerEntry.objects.exists()


def test_release_frees_every_commitment_of_the_application(planned_in_thirds, three_lines, finance):
    budget_commit(application=planned_in_thirds, amount=Decimal("1000.00"), user=finance)
    entries = budget_release(application=planned_in_thirds, user=finance, note="Widerruf")
    assert [(e.budget_line, e.kind, e.amount, e.note) for e in entries] == [
        (three_lines[0], LedgerEntryKind.RELEASE, Decimal("333.33"), "Widerruf"),
        (three_lines[1], LedgerEntryKind.RELEASE, Decimal("333.33"), "Widerruf"),
        (three_lines[2], LedgerEntryKind.RELEASE, Decimal("333.34"), "Widerruf"),
    ]
    assert [free_of(line) for line in three_lines] == [Decimal("10000.00")] * 3
    assert not commitments_of(planned_in_thirds).exists()
    assert AuditEntry.objects.filter(action="budgeting.ledger.release").count() == 3


def test_after_a_release_the_application_can_be_committed_again(planned_in_thirds, finance):
    budget_commit(application=planned_in_thirds, amount=Decimal("1000.00"), user=finance)
    budget_release(application=planned_in_thirds, user=finance, note="Änderungsbescheid")
    entries = budget_commit(application=planned_in_thirds, amount=Decimal("900.00"), user=finance)
    assert sum(e.amount for e in entries) == Decimal("900.00")


def test_release_without_commitments_books_nothing(application, finance):
    assert budget_release(application=application, user=finance, note="Rücknahme") == []
    assert not LedgerEntry.objects.exists()


def test_release_needs_a_reason(planned_in_thirds, finance):
    budget_commit(application=planned_in_thirds, amount=Decimal("1000.00"), user=finance)
    with pytest.raises(ValidationError, match="Grund"):
        budget_release(application=planned_in_thirds, user=finance, note="  ")
    assert LedgerEntry.objects.count() == 3
