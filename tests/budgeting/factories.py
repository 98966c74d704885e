"""factory_boy factories of the budgeting app."""

from decimal import Decimal

import factory

from budgeting.models import BudgetAllocation, BudgetLine, FundingSource, FundingSourceKind
from tests.factories import ApplicationFactory, ProgrammeFactory, UserFactory


class FundingSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingSource
        django_get_or_create = ["name"]

    name = "Stadt Wuppertal – Haushalt"
    kind = FundingSourceKind.CITY


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    year = 2026
    programme = factory.SubFactory(ProgrammeFactory)
    source = factory.SubFactory(FundingSourceFactory)
    produkt = "1.05.02.01"
    kostenstelle = factory.Sequence(lambda n: f"{20500 + n}")
    sachkonto = "531800"
    appropriation = Decimal("10000.00")


class BudgetAllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetAllocation

    application = factory.SubFactory(ApplicationFactory)
    budget_line = factory.SubFactory(BudgetLineFactory)
    amount = Decimal("1000.00")
    planned_by = factory.SubFactory(UserFactory)
