"""Co-funding: a foundation pledges money for a line, the money arrives, and the department
can tell the foundation everything its money touched."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse

from budgeting.models import BudgetLine, FundingSource, LedgerEntry
from budgeting.services.cofunding import pledge_record
from core.models import AuditEntry
from grants.models import Application, FinancingLine
from tests.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def foundation_line(programme):
    source = FundingSource.objects.create(name="Freudenberg Stiftung", kind="foundation")
    return BudgetLine.objects.create(
        year=2026,
        programme=programme,
        source=source,
        produkt="1.05.02.03",
        kostenstelle="20531",
        sachkonto="531820",
        appropriation=Decimal("25000.00"),
    )


def test_a_pledge_and_the_money_received_show_on_the_cofunder_page_and_in_the_sheet(
    client, staff, foundation_line
):
    source = foundation_line.source
    pledge = pledge_record(
        source=source,
        budget_line=foundation_line,
        amount=Decimal("25000.00"),
        pledged_on=datetime.date(2026, 1, 15),
        user=staff["finance"],
    )
    assert AuditEntry.objects.filter(action="budgeting.cofunding.pledged").exists()
    direct = ApplicationFactory(call__programme=foundation_line.programme)
    Application.objects.filter(pk=direct.pk).update(status="submitted", reference="ZI-2026-0099")
    FinancingLine.objects.filter(application=direct, kind="stiftung").update(
        source_name="Freudenberg Stiftung"
    )
    client.force_login(staff["finance"])
    url = reverse("finanzen:cofunder", args=[source.pk])
    response = client.post(
        url, {"pledge": pledge.pk, "amount": "30.000,00", "received_on": "2026-02-01"}
    )
    assert "noch 25.000,00" in response.content.decode()
    client.post(url, {"pledge": pledge.pk, "amount": "10.000,00", "received_on": "2026-02-01"})
    entry = LedgerEntry.objects.get(kind="cofunding")
    assert (entry.amount, entry.budget_line, entry.pledge) == (
        Decimal("10000.00"),
        foundation_line,
        pledge,
    )
    page = client.get(url).content.decode()
    assert "25.000,00" in page and "10.000,00" in page
    assert "ZI-2026-0099" in page and "1.000,00" in page  # the project's own foundation line
    sheet = openpyxl.load_workbook(
        io.BytesIO(client.get("/staff/finanzen/haushalt.xlsx?year=2026").content)
    )["Haushaltsstellen"]
    assert (sheet["R2"].value, sheet["S2"].value) == (25000, 10000)
    book = openpyxl.load_workbook(
        io.BytesIO(
            client.get(f"/staff/finanzen/haushalt.xlsx?year=2026&cofunder={source.pk}").content
        )
    )
    own = book["Freudenberg Stiftung"]
    assert own["A1"].value == "Freudenberg Stiftung"
    assert (own["B2"].value, own["B3"].value) == (25000, 10000)
    assert "ZI-2026-0099" in [cell.value for cell in own["A"]]


def test_a_pledge_must_be_for_a_line_of_the_same_funder(staff, foundation_line, budget_line):
    with pytest.raises(Exception, match="gehört nicht zu diesem Geldgeber"):
        pledge_record(
            source=foundation_line.source,
            budget_line=budget_line,
            amount=Decimal("1.00"),
            pledged_on=datetime.date(2026, 1, 1),
            user=staff["finance"],
        )


def test_only_finance_sees_a_cofunder(client, staff, foundation_line):
    client.force_login(staff["caseworker"])
    assert (
        client.get(reverse("finanzen:cofunder", args=[foundation_line.source.pk])).status_code
        == 403
    )
