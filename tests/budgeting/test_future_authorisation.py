"""Commitments on a later year's line need its Verpflichtungsermächtigung (VE) and may not exceed
it: at the approval (budget_commit) and at a change notice that binds more (budget_adjust)."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.models import LedgerEntry
from budgeting.selectors import budget_lines_with_amounts
from budgeting.services import budget_commit
from budgeting.services.adjust import budget_adjust
from budgeting.services.ledger import ledger_book
from grants.models import Application, ApplicationStatus
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.clock import freeze_today
from tests.factories import ApplicationFactory, UserFactory

pytestmark = pytest.mark.django_db

D = datetime.date
NBSP = "\N{NO-BREAK SPACE}"


@pytest.fixture
def line_2027(programme):
    """A 2027 line of 20,000.00 € whose VE lets 2026 bind 5,000.00 €, 3,000.00 of it already
    bound for another grant."""
    line = BudgetLineFactory(
        programme=programme,
        year=2027,
        appropriation=Decimal("20000.00"),
        future_authorisation=Decimal("5000.00"),
    )
    ledger_book(
        line=budget_lines_with_amounts().get(pk=line.pk),
        application=ApplicationFactory(call__programme=programme),
        kind="commitment",
        amount=Decimal("3000.00"),
        user=UserFactory(),
        note="Bewilligung",
    )
    return line


def planned(programme, line, amount):
    application = ApplicationFactory(call__programme=programme, requested_amount=Decimal(amount))
    BudgetAllocationFactory(application=application, budget_line=line, amount=Decimal(amount))
    return application


def test_a_commitment_beyond_the_ve_is_refused_and_nothing_is_bound(
    monkeypatch, programme, line_2027
):
    freeze_today(monkeypatch, D(2026, 11, 2))
    application = planned(programme, line_2027, "2500.00")
    with pytest.raises(ValidationError) as refused:
        budget_commit(application=application, amount=Decimal("2500.00"), user=UserFactory())
    assert refused.value.messages == [
        f"Die Verpflichtungsermächtigung der Haushaltsstelle {line_2027} beträgt "
        f"5.000,00{NBSP}€; gebunden wären 5.500,00{NBSP}€."
    ]
    assert not LedgerEntry.objects.filter(application=application).exists()


def test_a_commitment_within_the_ve_is_bound(monkeypatch, programme, line_2027):
    freeze_today(monkeypatch, D(2026, 11, 2))
    application = planned(programme, line_2027, "2000.00")
    entries = budget_commit(application=application, amount=Decimal("2000.00"), user=UserFactory())
    assert [e.amount for e in entries] == [Decimal("2000.00")]  # 3,000 + 2,000 = the VE


def test_a_later_line_without_ve_cannot_be_bound_before_its_year(monkeypatch, programme):
    line = BudgetLineFactory(programme=programme, year=2027, appropriation=Decimal("20000.00"))
    application = planned(programme, line, "1000.00")
    freeze_today(monkeypatch, D(2026, 12, 30))
    with pytest.raises(ValidationError) as refused:
        budget_commit(application=application, amount=Decimal("1000.00"), user=UserFactory())
    assert refused.value.messages == [
        f"Die Haushaltsstelle {line} hat keine Verpflichtungsermächtigung; 2026 kann auf ihr für "
        f"2027 nichts gebunden werden (gebunden wären 1.000,00{NBSP}€)."
    ]
    freeze_today(monkeypatch, D(2027, 1, 4))  # in its own year the appropriation suffices
    assert budget_commit(application=application, amount=Decimal("1000.00"), user=UserFactory())


def test_a_change_notice_binding_more_is_checked_against_the_ve(monkeypatch, programme, line_2027):
    freeze_today(monkeypatch, D(2026, 11, 2))
    application = planned(programme, line_2027, "1500.00")
    budget_commit(application=application, amount=Decimal("1500.00"), user=UserFactory())
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.FINAL)
    # 3,000 + 1,500 bound; 600.00 more would make 5,100.00
    with pytest.raises(ValidationError) as refused:
        budget_adjust(application=application, new_amount=Decimal("2100.00"), user=UserFactory())
    assert refused.value.messages[0].endswith(f"gebunden wären 5.100,00{NBSP}€.")
    assert LedgerEntry.objects.filter(application=application).count() == 1
    entries = budget_adjust(
        application=application, new_amount=Decimal("2000.00"), user=UserFactory()
    )
    assert [e.amount for e in entries] == [Decimal("500.00")]
