"""The finance dashboard: figures per source from the ledger, filters, the chart, the sheet."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgeting.models import BudgetLine, FundingSource, LedgerEntry
from budgeting.services import budget_commit
from tests.budgeting.factories import BudgetAllocationFactory
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
URL = "/staff/finanzen/"


def lines(count, programme, user):
    source = FundingSource.objects.get_or_create(name="Land NRW", kind="land")[0]
    created, offset = [], BudgetLine.objects.count()
    for number in range(offset, offset + count):
        line = BudgetLine.objects.create(
            year=2026,
            programme=programme,
            source=source,
            produkt="1.05.02.02",
            kostenstelle=f"{20600 + number}",
            sachkonto="531810",
            appropriation=Decimal("10000.00"),
        )
        application = ApplicationFactory(call__programme=programme)
        BudgetAllocationFactory(
            application=application, budget_line=line, amount=Decimal("2500.00"), planned_by=user
        )
        budget_commit(application=application, amount=Decimal("2500.00"), user=user)
        created.append(line)
    return created


def test_finance_sees_the_figures_per_source_and_the_usage_chart(client, staff, programme):
    lines(2, programme, staff["finance"])
    client.force_login(staff["finance"])
    page = client.get(URL + "?year=2026").content.decode()
    assert "Land NRW" in page
    assert "Haushalt 2026" in page  # a year, not a number with a thousands separator
    assert "haushalt.xlsx?year=2026" in page and "uebertragung/?year=2026" in page
    assert "20.000,00" in page and "5.000,00" in page and "25,0 %" in page
    assert "<svg" in page and "am Jahresende 25,0 % gebunden" in page


def test_the_dashboard_runs_the_same_queries_for_1_and_20_lines(client, staff, programme):
    client.force_login(staff["finance"])
    counts = []
    for total in (1, 20):
        lines(total - BudgetLine.objects.count(), programme, staff["finance"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(URL + "?year=2026").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize("url", ["/staff/finanzen/budgetline/", "/staff/finanzen/fundingsource/"])
def test_the_line_and_source_lists_run_the_same_queries_for_1_and_20_lines(
    client, staff, programme, url
):
    client.force_login(staff["finance"])
    counts = []
    for total in (1, 20):
        lines(total - BudgetLine.objects.count(), programme, staff["finance"])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_filters_narrow_the_lines(client, staff, programme):
    first, second = lines(2, programme, staff["finance"])
    client.force_login(staff["finance"])
    page = client.get(URL + f"?year=2026&kostenstelle={second.kostenstelle}").content.decode()
    assert second.kostenstelle in page and first.kostenstelle not in page
    assert "Keine Haushaltsstellen" in client.get(URL + "?year=2031").content.decode()


def test_the_budget_sheet_downloads_for_the_year(client, staff, programme):
    lines(1, programme, staff["finance"])
    client.force_login(staff["finance"])
    response = client.get("/staff/finanzen/haushalt.xlsx?year=2026")
    assert response["Content-Disposition"] == 'attachment; filename="haushalt-2026.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book["Haushaltsstellen"]["L2"].value == 2500


def test_other_roles_may_not_see_the_finances(client, staff, applicant):
    client.force_login(staff["caseworker"])
    assert client.get(URL).status_code == 403
    assert client.get("/staff/finanzen/haushalt.xlsx").status_code == 403
    client.force_login(applicant)
    assert client.get(URL).status_code == 403


def test_finance_previews_and_books_the_carry_over_in_the_staff_pages(client, staff, programme):
    lines(1, programme, staff["finance"])  # 10,000.00 with 2,500.00 committed: 7,500.00 free
    client.force_login(staff["finance"])
    page = client.get("/staff/finanzen/uebertragung/?year=2026").content.decode()
    assert "7.500,00" in page and "Übertragung buchen" in page
    client.post("/staff/finanzen/uebertragung/", {"year": "2026"})  # without confirmation
    assert not LedgerEntry.objects.filter(kind="carry_out").exists()
    client.post("/staff/finanzen/uebertragung/", {"year": "2026", "confirm": "on"})
    assert LedgerEntry.objects.get(kind="carry_out").amount == Decimal("7500.00")
    client.force_login(staff["caseworker"])
    assert client.get("/staff/finanzen/uebertragung/").status_code == 403


def test_finance_maintains_budget_lines_in_the_staff_pages(client, staff, programme):
    source = FundingSource.objects.create(name="Stadt Wuppertal – Haushalt", kind="city")
    client.force_login(staff["finance"])
    assert client.get("/staff/finanzen/budgetline/").status_code == 200
    assert client.get("/staff/finanzen/budgetline/add/").status_code == 200
    response = client.post(
        "/staff/finanzen/budgetline/add/",
        {
            "year": "2027",
            "programme": programme.pk,
            "source": source.pk,
            "produkt": "1.05.02.01",
            "kostenstelle": "20500",
            "sachkonto": "531800",
            "appropriation": "40000.00",
            "blocked": "0.00",
            "future_authorisation": "0.00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    assert BudgetLine.objects.get(year=2027).appropriation == Decimal("40000.00")
    assert client.get("/staff/finanzen/fundingsource/").status_code == 200
    client.force_login(staff["caseworker"])
    assert client.get("/staff/finanzen/budgetline/add/").status_code == 403
