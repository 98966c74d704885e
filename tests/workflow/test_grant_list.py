"""The staff list of grants (Bewilligungen): money from the ledger, filters, exports of exactly
the filtered rows, a fixed number of queries, and who may not see it."""

import csv
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from budgeting.models import LedgerEntryKind
from budgeting.services.ledger import ledger_book
from budgeting.services.locks import lock_lines
from grants.models import Application, ApplicationStatus, Decision, DecisionOutcome
from tests.budgeting.factories import BudgetLineFactory
from tests.factories import ApplicationFactory, CallFactory

pytestmark = pytest.mark.django_db
URL = "/staff/antraege/bewilligungen/"


def grant(call, user, *, approved="5000.00", paid="0", released="0", status="final"):
    """An approved application with its bookings, made directly (no flow)."""
    application = ApplicationFactory(call=call, plan=False)
    Application.objects.filter(pk=application.pk).update(
        status=status, reference=f"ZI-2026-{application.pk:04d}"
    )
    Decision.objects.create(
        application=application,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=Decimal(approved),
        decided_by=user,
    )
    line = BudgetLineFactory(programme=call.programme, appropriation=Decimal("100000.00"))
    for kind, amount in (
        (LedgerEntryKind.COMMITMENT, approved),
        (LedgerEntryKind.RELEASE, released),
        (LedgerEntryKind.PAYOUT, paid),
    ):
        if Decimal(amount):
            ledger_book(
                line=lock_lines([line.pk])[line.pk],
                application=application,
                kind=kind,
                amount=Decimal(amount),
                user=user,
                note="Test",
            )
    return Application.objects.get(pk=application.pk)


@pytest.fixture
def finance_client(client, staff):
    client.force_login(staff["finance"])
    return client


def test_the_list_shows_each_grant_with_its_money_from_the_ledger(finance_client, staff, call):
    paid = grant(call, staff["finance"], approved="8000.00", paid="3000.00", released="500.00")
    grant(CallFactory(), staff["finance"], approved="2000.00", status="approved")
    ApplicationFactory(call=call)  # a draft is no grant
    page = finance_client.get(URL).content.decode()
    assert "Bewilligungen (2)" in page
    assert paid.reference in page
    assert "7.500,00\u00a0€" in page and "3.000,00\u00a0€" in page  # 8,000 − 500; paid

    filtered = finance_client.get(f"{URL}?programme={call.programme_id}").content.decode()
    assert "Bewilligungen (1)" in filtered and paid.reference in filtered


def test_the_export_holds_exactly_the_filtered_grants_with_typed_money(finance_client, staff, call):
    grant(call, staff["finance"], approved="8000.00", paid="3000.00")
    grant(CallFactory(), staff["finance"])
    query = f"programme={call.programme_id}"
    sheet = openpyxl.load_workbook(
        io.BytesIO(finance_client.get(f"{URL}?{query}&format=xlsx").content)
    ).active
    assert sheet.max_row == 2
    header = [cell.value for cell in sheet[1]]
    assert header[7:10] == ["bewilligt (gebunden)", "ausgezahlt", "offene Bindung"]
    assert [sheet.cell(2, column).value for column in (8, 9, 10)] == [8000, 3000, 5000]
    assert sheet.cell(2, 8).number_format == '#,##0.00 "€"'
    text = finance_client.get(f"{URL}?{query}&format=csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2 and rows[1][7:10] == ["8000,00", "3000,00", "5000,00"]


def test_the_status_filter_offers_only_grant_states(finance_client):
    choices = dict(finance_client.get(URL).context["filter"].form.fields["status"].choices)
    assert ApplicationStatus.FINAL in choices and ApplicationStatus.REVOKED in choices
    assert ApplicationStatus.REJECTED not in choices and ApplicationStatus.DRAFT not in choices


def test_the_list_runs_the_same_queries_for_1_and_15_grants(finance_client, staff, call):
    counts = []
    for total in (1, 15):
        while Application.objects.count() < total:
            grant(call, staff["finance"], paid="100.00")
        with CaptureQueriesContext(connection) as captured:
            page = finance_client.get(URL).content.decode()
        assert f"Bewilligungen ({total})" in page
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_applicants_see_neither_the_list_nor_its_export(client, applicant):
    client.force_login(applicant)
    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}?format=xlsx").status_code == 403
