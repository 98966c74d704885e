"""The usage chart: committed and paid out per source and month, as SVG and as text."""

import datetime
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from budgeting.charts import usage_chart_svg
from budgeting.models import BudgetLine, FundingSourceKind, LedgerEntryKind
from budgeting.selectors import usage_by_month
from budgeting.services.ledger import ledger_book
from core.roles import FINANCE
from core.services import roles_ensure
from tests.budgeting.factories import BudgetLineFactory, FundingSourceFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BERLIN = ZoneInfo("Europe/Berlin")
LAND = "Land NRW – KOMM-AN NRW"
# 10,000.00 € available: 1,000.00 bound in February, 1,500.00 in June (local time; still May
# in UTC); 500.00 paid in August, 100.00 of it repaid in November.
BOOKINGS = (
    (datetime.datetime(2026, 2, 10, 9, 0, tzinfo=BERLIN), LedgerEntryKind.COMMITMENT, "1000.00"),
    (datetime.datetime(2026, 6, 1, 0, 30, tzinfo=BERLIN), LedgerEntryKind.COMMITMENT, "1500.00"),
    (datetime.datetime(2026, 8, 3, 10, 0, tzinfo=BERLIN), LedgerEntryKind.PAYOUT, "500.00"),
    (datetime.datetime(2026, 11, 2, 10, 0, tzinfo=BERLIN), LedgerEntryKind.REFUND, "100.00"),
)
COMMITTED = [Decimal(v) for v in ["0.0"] + ["10.0"] * 4 + ["25.0"] * 7]
PAID = [Decimal(v) for v in ["0.0"] * 7 + ["5.0"] * 3 + ["4.0"] * 2]


@pytest.fixture
def booked_line(monkeypatch):
    """A Land line of 10,000.00 € with the bookings above, each at its own time."""
    source = FundingSourceFactory(name=LAND, kind=FundingSourceKind.LAND)
    line = BudgetLineFactory(source=source, year=2026, appropriation=Decimal("10000.00"))
    user = UserFactory()
    for moment, kind, amount in BOOKINGS:
        monkeypatch.setattr(timezone, "now", lambda moment=moment: moment)
        ledger_book(
            line=BudgetLine.objects.with_amounts().get(pk=line.pk),
            application=None,
            kind=kind,
            amount=Decimal(amount),
            user=user,
            note="",
        )
    monkeypatch.undo()
    return line


def test_usage_by_month_gives_cumulative_committed_and_paid_shares(
    booked_line, django_assert_num_queries
):
    lines = list(BudgetLine.objects.with_amounts().select_related("source"))
    with django_assert_num_queries(1):
        usage = usage_by_month(lines)
    assert usage == {LAND: {"committed": COMMITTED, "paid": PAID}}


def test_the_chart_draws_paid_out_as_a_dashed_line_and_explains_it_in_the_legend(booked_line):
    svg = usage_chart_svg(usage_by_month(list(BudgetLine.objects.with_amounts())))
    polylines = re.findall(r"<polyline [^>]*>", svg)
    assert len(polylines) == 2
    assert "stroke-dasharray" not in polylines[0] and "stroke-dasharray" in polylines[1]
    assert 'aria-hidden="true"' in svg
    assert ">gebunden</text>" in svg and ">ausgezahlt</text>" in svg
    assert re.search(r"<line [^>]*stroke-dasharray[^>]*/><text [^>]*>ausgezahlt</text>", svg)


def test_the_dashboard_caption_reads_out_both_series(booked_line, client):
    roles_ensure()
    person = UserFactory(is_staff=True)
    person.groups.add(Group.objects.get(name=FINANCE))
    client.force_login(person)
    page = client.get("/staff/finanzen/?year=2026").content.decode()
    caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.S).group(1)
    text = " ".join(caption.split())
    assert f"{LAND}: am Jahresende 25,0 % gebunden und 4,0 % ausgezahlt." in text
    assert (
        "Monatswerte (Januar bis Dezember) gebunden: 0,0 %, 10,0 %, 10,0 %, 10,0 %, 10,0 %, "
        "25,0 %, 25,0 %, 25,0 %, 25,0 %, 25,0 %, 25,0 %, 25,0 %;" in text
    )
    assert (
        "ausgezahlt: 0,0 %, 0,0 %, 0,0 %, 0,0 %, 0,0 %, 0,0 %, 0,0 %, 5,0 %, 5,0 %, 5,0 %, "
        "4,0 %, 4,0 %." in text
    )
    assert "gestrichelte Linie: ausgezahlt" in text
