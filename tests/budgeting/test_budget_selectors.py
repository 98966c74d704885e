"""Selectors: committed and free amounts come from the ledger, in one query."""

from decimal import Decimal

import pytest
from django.utils import timezone

from budgeting.models import BudgetLine, LedgerEntry, LedgerEntryKind
from budgeting.selectors import (
    allocations_of,
    budget_lines_for_application,
    budget_lines_with_amounts,
    commitments_of,
)
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.factories import ApplicationFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def book(line, kind, amount, user, application=None):
    return LedgerEntry.objects.create(
        budget_line=line, application=application, kind=kind, amount=amount, booked_by=user
    )


def amounts(line):
    line = budget_lines_with_amounts().get(pk=line.pk)
    return line.committed, line.free


def test_a_line_without_entries_is_entirely_free(city_line):
    committed, free = amounts(city_line)
    assert committed == Decimal("0.00") and isinstance(committed, Decimal)
    assert free == Decimal("10000.00") and isinstance(free, Decimal)


def test_committed_and_free_follow_commitments_and_releases_to_the_cent(city_line, finance):
    book(city_line, LedgerEntryKind.COMMITMENT, Decimal("1234.56"), finance)
    book(city_line, LedgerEntryKind.COMMITMENT, Decimal("0.10"), finance)
    book(city_line, LedgerEntryKind.COMMITMENT, Decimal("0.20"), finance)
    assert amounts(city_line) == (Decimal("1234.86"), Decimal("8765.14"))
    book(city_line, LedgerEntryKind.RELEASE, Decimal("1234.56"), finance)
    committed, free = amounts(city_line)
    assert (committed, free) == (Decimal("0.30"), Decimal("9999.70"))
    assert committed.as_tuple().exponent == -2 and free.as_tuple().exponent == -2


def test_entries_of_other_lines_do_not_count(city_line, land_line, finance):
    book(land_line, LedgerEntryKind.COMMITMENT, Decimal("500.00"), finance)
    assert amounts(city_line) == (Decimal("0.00"), Decimal("10000.00"))
    assert amounts(land_line) == (Decimal("500.00"), Decimal("9500.00"))


def test_lines_for_application_are_its_programme_lines_of_the_project_start_year(
    application, city_line, land_line, programme
):
    BudgetLineFactory(programme=programme, year=2027)
    BudgetLineFactory(year=2026)
    lines = budget_lines_for_application(application)
    assert set(lines) == {city_line, land_line}
    assert all(line.free == Decimal("10000.00") for line in lines)


def test_lines_for_application_of_another_year_on_request(application, programme, city_line):
    later = BudgetLineFactory(programme=programme, year=2027)
    assert list(budget_lines_for_application(application, year=2027)) == [later]


def test_lines_for_application_without_project_start_are_of_this_year(call, programme):
    application = ApplicationFactory(call=call, project_start=None, project_end=None)
    this_year = BudgetLineFactory(programme=programme, year=timezone.localdate().year)
    BudgetLineFactory(programme=programme, year=timezone.localdate().year - 1)
    assert list(budget_lines_for_application(application)) == [this_year]


@pytest.mark.parametrize("count", [1, 20])
def test_lines_for_application_take_one_query_however_many_lines(
    application, programme, finance, django_assert_num_queries, count
):
    for _ in range(count):
        line = BudgetLineFactory(programme=programme)
        book(line, LedgerEntryKind.COMMITMENT, Decimal("100.00"), finance)
    with django_assert_num_queries(1):
        rows = [
            (str(line), line.source.kind, line.committed, line.free)
            for line in budget_lines_for_application(application)
        ]
    assert len(rows) == count
    assert all(row[2:] == (Decimal("100.00"), Decimal("9900.00")) for row in rows)


def test_allocations_of_an_application_come_with_lines_and_sources(
    application, city_line, land_line, django_assert_num_queries
):
    BudgetAllocationFactory(application=application, budget_line=city_line)
    BudgetAllocationFactory(application=application, budget_line=land_line)
    BudgetAllocationFactory(budget_line=city_line)
    with django_assert_num_queries(1):
        rows = [
            (str(a.budget_line), a.budget_line.source.name) for a in allocations_of(application)
        ]
    assert [name for _line, name in rows] == [
        "Stadt Wuppertal – Haushalt",
        "Land NRW – KOMM-AN NRW",
    ]


def test_commitments_of_an_application_are_net_per_line(application, city_line, land_line, finance):
    other = ApplicationFactory(call=application.call)
    book(city_line, LedgerEntryKind.COMMITMENT, Decimal("1000.00"), finance, application)
    book(city_line, LedgerEntryKind.RELEASE, Decimal("400.00"), finance, application)
    book(land_line, LedgerEntryKind.COMMITMENT, Decimal("300.00"), finance, application)
    book(land_line, LedgerEntryKind.RELEASE, Decimal("300.00"), finance, application)
    book(city_line, LedgerEntryKind.COMMITMENT, Decimal("50.00"), finance, other)
    commitments = list(commitments_of(application))
    assert [(line, line.application_committed) for line in commitments] == [
        (city_line, Decimal("600.00"))
    ]


def test_a_budget_line_reads_as_year_programme_source_and_coding():
    line = BudgetLineFactory.build(
        year=2026,
        programme=ProgrammeFactory.build(name="Nachbarschaft verbindet"),
        produkt="1.05.02",
        kostenstelle="4711",
        sachkonto="531800",
    )
    assert str(line) == (
        "2026 · Nachbarschaft verbindet · Stadt Wuppertal – Haushalt · 1.05.02 / 4711 / 531800"
    )
    assert BudgetLine._meta.verbose_name == "Haushaltsstelle"
