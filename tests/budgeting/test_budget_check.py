"""budget_check_record: Finanzen plans which budget lines carry an application."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from budgeting.models import BudgetAllocation
from budgeting.services import budget_check_record, budget_commit
from core.models import AuditEntry
from tests.budgeting.factories import BudgetLineFactory

pytestmark = pytest.mark.django_db

NBSP = "\N{NO-BREAK SPACE}"


def plan_of(application):
    return sorted(
        (a.budget_line_id, a.amount)
        for a in BudgetAllocation.objects.filter(application=application)
    )


def test_budget_check_records_the_plan_and_an_audit_entry(
    application, city_line, land_line, finance
):
    created = budget_check_record(
        application=application,
        user=finance,
        allocations=[(city_line, Decimal("6000.00")), (land_line, Decimal("2000.00"))],
    )
    assert [(a.budget_line, a.amount, a.planned_by) for a in created] == [
        (city_line, Decimal("6000.00"), finance),
        (land_line, Decimal("2000.00"), finance),
    ]
    assert plan_of(application) == sorted(
        [(city_line.pk, Decimal("6000.00")), (land_line.pk, Decimal("2000.00"))]
    )
    entry = AuditEntry.objects.for_object(application).get(action="budgeting.allocation.recorded")
    assert entry.actor == finance
    assert entry.before == {"allocations": []}
    assert entry.after == {
        "allocations": [
            {"budget_line": city_line.pk, "amount": "6000.00"},
            {"budget_line": land_line.pk, "amount": "2000.00"},
        ]
    }


def test_budget_check_replaces_the_earlier_plan(application, city_line, land_line, finance):
    budget_check_record(
        application=application, user=finance, allocations=[(city_line, Decimal("8000.00"))]
    )
    budget_check_record(
        application=application, user=finance, allocations=[(land_line, Decimal("8000.00"))]
    )
    assert plan_of(application) == [(land_line.pk, Decimal("8000.00"))]
    last = (
        AuditEntry.objects.for_object(application)
        .filter(action="budgeting.allocation.recorded")
        .last()
    )
    assert last.before == {"allocations": [{"budget_line": city_line.pk, "amount": "8000.00"}]}


def test_budget_check_does_not_check_free_funds(application, programme, finance):
    small = BudgetLineFactory(programme=programme, appropriation=Decimal("100.00"))
    budget_check_record(
        application=application, user=finance, allocations=[(small, Decimal("8000.00"))]
    )
    assert plan_of(application) == [(small.pk, Decimal("8000.00"))]


def refused(application, finance, allocations) -> str:
    with pytest.raises(ValidationError) as error:
        budget_check_record(application=application, user=finance, allocations=allocations)
    assert plan_of(application) == []
    assert not AuditEntry.objects.filter(action="budgeting.allocation.recorded").exists()
    return " ".join(error.value.messages)


def test_budget_check_refuses_amounts_that_miss_the_requested_amount_and_names_both(
    application, city_line, land_line, finance
):
    message = refused(
        application,
        finance,
        [(city_line, Decimal("5000.00")), (land_line, Decimal("2500.00"))],
    )
    assert message == f"Die Beträge ergeben 7.500,00{NBSP}€, beantragt sind 8.000,00{NBSP}€."


@pytest.mark.parametrize("amount", ["0.00", "-100.00", "0.001"])
def test_budget_check_refuses_an_amount_that_is_not_a_positive_cent_amount(
    application, city_line, land_line, finance, amount
):
    message = refused(
        application,
        finance,
        [(city_line, Decimal("8000.00") - Decimal(amount)), (land_line, Decimal(amount))],
    )
    assert (
        f"Der Betrag für die Haushaltsstelle {land_line} muss ein positiver Centbetrag" in message
    )


def test_budget_check_refuses_a_line_of_another_programme(application, city_line, finance):
    foreign = BudgetLineFactory()
    message = refused(
        application, finance, [(city_line, Decimal("4000.00")), (foreign, Decimal("4000.00"))]
    )
    assert f"Die Haushaltsstelle {foreign} gehört nicht zum Förderprogramm des Antrags." in message


def test_budget_check_refuses_the_same_line_twice(application, city_line, finance):
    message = refused(
        application, finance, [(city_line, Decimal("4000.00")), (city_line, Decimal("4000.00"))]
    )
    assert f"Die Haushaltsstelle {city_line} ist mehrfach angegeben." in message


def test_budget_check_refuses_an_empty_plan(application, finance):
    message = refused(application, finance, [])
    assert "mindestens eine Haushaltsstelle" in message


def test_budget_check_refuses_an_application_without_requested_amount(
    application, city_line, finance
):
    application.requested_amount = None
    application.save()
    message = refused(application, finance, [(city_line, Decimal("8000.00"))])
    assert "keine beantragte Förderung" in message


def test_budget_check_refuses_to_replan_once_funds_are_committed(
    application, city_line, land_line, finance
):
    budget_check_record(
        application=application, user=finance, allocations=[(city_line, Decimal("8000.00"))]
    )
    budget_commit(application=application, amount=Decimal("8000.00"), user=finance)
    with pytest.raises(ValidationError, match="bereits Mittel gebunden"):
        budget_check_record(
            application=application, user=finance, allocations=[(land_line, Decimal("8000.00"))]
        )
    assert plan_of(application) == [(city_line.pk, Decimal("8000.00"))]
