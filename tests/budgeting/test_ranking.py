"""The ranking per call: reviewed applications with an open decision by score, the running sum
of the recommended amounts against the free budget of the call's lines, and its workbook."""

import io
from decimal import Decimal

import openpyxl
import pytest

from budgeting.permissions import ranking_refusal
from budgeting.ranking.export import ranking_xlsx
from budgeting.ranking.selectors import call_ranking
from core.roles import ADMINISTRATION, APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import ApplicationStatus
from tests.budgeting.factories import BudgetLineFactory
from tests.budgeting.ranking_factories import (
    YEAR,
    commit,
    judged,
    ranked_call,
    reviewed,
    seat,
    staff_in,
    submitted,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
MARK = "hier reicht das Geld nicht mehr"


def test_ranking_orders_by_score_highest_first_and_ties_by_earlier_submission():
    call = ranked_call()
    low = reviewed(call, "2.50", minute=1)
    tie_late = reviewed(call, "4.00", minute=9)
    tie_early = reviewed(call, "4.00", minute=5)
    top = reviewed(call, "4.80", minute=7)
    ranking = call_ranking(call)
    assert [row.application for row in ranking.rows] == [top, tie_early, tie_late, low]
    assert [row.rank for row in ranking.rows] == [1, 2, 3, 4]


def test_running_sum_marks_the_first_row_beyond_the_free_budget():
    call = ranked_call(free="20000.00")
    commit(call, "5000.00")  # free: 15,000.00
    reviewed(call, "4.90", requested="8000.00")
    reviewed(call, "4.50", requested="8000.00", amount="6000.00", recommendation="partial")
    reviewed(call, "4.00", requested="4000.00")
    reviewed(call, "3.00", requested="1000.00")
    ranking = call_ranking(call)
    assert ranking.free == Decimal("15000.00")
    assert [row.recommended for row in ranking.rows] == [
        Decimal("8000.00"),
        Decimal("6000.00"),
        Decimal("4000.00"),
        Decimal("1000.00"),
    ]
    assert [row.running_sum for row in ranking.rows] == [
        Decimal("8000.00"),
        Decimal("14000.00"),
        Decimal("18000.00"),
        Decimal("19000.00"),
    ]
    assert [row.remaining for row in ranking.rows][2] == Decimal("-3000.00")
    assert [row.beyond_budget for row in ranking.rows] == [False, False, True, True]
    assert [row.is_cutoff for row in ranking.rows] == [False, False, True, False]
    assert ranking.cutoff is ranking.rows[2]
    assert ranking.requested_total == Decimal("21000.00")
    assert ranking.recommended_total == Decimal("19000.00")


def test_a_vote_for_rejection_spends_nothing_in_the_running_sum():
    call = ranked_call(free="10000.00")
    reviewed(call, "4.00", requested="6000.00")
    reviewed(call, "2.00", requested="9000.00", recommendation="reject")
    ranking = call_ranking(call)
    assert [row.recommended for row in ranking.rows] == [Decimal("6000.00"), Decimal("0.00")]
    assert ranking.rows[-1].running_sum == Decimal("6000.00")
    assert ranking.cutoff is None


def test_a_running_sum_exactly_at_the_free_budget_is_still_covered():
    call = ranked_call(free="16000.00")
    reviewed(call, "4.00")
    reviewed(call, "3.00")
    ranking = call_ranking(call)
    assert ranking.rows[-1].running_sum == ranking.free
    assert ranking.cutoff is None


def test_free_budget_counts_only_the_programmes_lines_of_the_calls_years():
    call = ranked_call(free="10000.00")
    BudgetLineFactory(programme=call.programme, year=YEAR + 1, appropriation=Decimal("999"))
    BudgetLineFactory(year=YEAR, appropriation=Decimal("777.00"))  # another programme
    ranking = call_ranking(call)
    assert ranking.free == Decimal("10000.00")
    assert [line.year for line in ranking.lines] == [YEAR]


def test_applications_of_other_calls_are_excluded():
    call, other = ranked_call(), ranked_call()
    mine = reviewed(call, "3.00")
    reviewed(other, "5.00")
    assert [row.application for row in call_ranking(call).rows] == [mine]


def test_unreviewed_and_decided_applications_are_excluded():
    call = ranked_call()
    mine = reviewed(call, "3.00", status=ApplicationStatus.AWAITING_DECISION)
    submitted(call)  # no review yet
    reviewed(call, "5.00", status=ApplicationStatus.APPROVED)  # bound: out of the free budget
    reviewed(call, "5.00", status=ApplicationStatus.REJECTED)
    reviewed(call, "5.00", status=ApplicationStatus.WITHDRAWN)
    assert [row.application for row in call_ranking(call).rows] == [mine]


def test_a_panel_counts_once_every_seat_is_submitted_with_mean_spread_and_flag():
    call = ranked_call(panel=True)
    calm = judged(call, ["4.00", "4.10", "4.30"], requested="9000.00")
    split = judged(
        call,
        ["5.00", "3.00", "4.60"],
        amounts=(None, "6000.00", "5000.00"),
        requested="9000.00",
    )
    waiting = judged(call, ["5.00", "5.00"])
    seat(waiting)  # the third juror has not voted yet
    rows = call_ranking(call).rows
    assert [row.application for row in rows] == [split, calm]
    first, second = rows
    assert first.is_panel and first.votes == 3
    assert first.score == Decimal("4.20")
    assert first.spread == Decimal("2.00") and first.spread_flagged
    assert first.recommended == Decimal("6666.67")  # (9000 + 6000 + 5000) / 3
    assert second.score == Decimal("4.13")
    assert second.spread == Decimal("0.30") and not second.spread_flagged
    assert second.recommended == Decimal("9000.00")


def test_a_light_track_case_has_no_review_and_is_not_ranked():
    call = ranked_call(decision_mode="light", light_limit=Decimal("2000.00"))
    submitted(call, requested="1500.00")
    above = reviewed(call, "3.10", requested="5000.00")
    assert [row.application for row in call_ranking(call).rows] == [above]


@pytest.mark.parametrize("count", [2, 6])
def test_the_ranking_takes_three_queries_however_many_rows(count, django_assert_num_queries):
    single, panel = ranked_call(), ranked_call(panel=True)
    for number in range(count):
        reviewed(single, f"{number}.50", minute=number)
        judged(panel, ["4.00", "3.00", "2.00"], minute=number)
    with django_assert_num_queries(3):
        assert len(call_ranking(single).rows) == count
    with django_assert_num_queries(3):
        assert len(call_ranking(panel).rows) == count


def load(ranking):
    return openpyxl.load_workbook(io.BytesIO(ranking_xlsx(ranking)))


def test_the_workbook_has_the_rows_and_live_formulas_for_sums_and_the_cut_off():
    call = ranked_call(free="15000.00")
    reviewed(call, "4.90", requested="8000.00")
    reviewed(call, "4.50", requested="8000.00", amount="6000.00", recommendation="partial")
    reviewed(call, "4.00", requested="4000.00")
    book = load(call_ranking(call))
    assert book.sheetnames == ["Rangliste", "Haushaltsstellen"]
    sheet = book["Rangliste"]
    assert sheet["C2"].value == "=SUM('Haushaltsstellen'!F2:F2)"
    header = [cell.value for cell in sheet[4]]
    assert header[:2] == ["Rang", "Aktenzeichen"]
    assert header[8:13] == [
        "beantragt",
        "empfohlen",
        "laufende Summe",
        "Rest des freien Budgets",
        "Hinweis",
    ]
    assert [sheet.cell(row, 1).value for row in (5, 6, 7)] == [1, 2, 3]
    assert [sheet.cell(row, 6).value for row in (5, 6, 7)] == [4.9, 4.5, 4.0]
    assert [sheet.cell(row, 10).value for row in (5, 6, 7)] == [8000, 6000, 4000]
    assert sheet["K5"].value == "=SUM(J$5:J5)"
    assert sheet["K7"].value == "=SUM(J$5:J7)"
    assert sheet["L6"].value == "=$C$2-K6"
    assert sheet["M5"].value == f'=IF(K5>$C$2,"{MARK}","")'
    assert sheet["M7"].value == f'=IF(AND(K7>$C$2,K6<=$C$2),"{MARK}","")'
    assert sheet["A8"].value == "Summe"
    assert sheet["I8"].value == "=SUM(I5:I7)"
    assert sheet["J8"].value == "=SUM(J5:J7)"
    lines = book["Haushaltsstellen"]
    assert lines["F2"].value == "=D2-E2"
    assert lines["F3"].value == "=SUM(F2:F2)"


def test_the_workbook_caches_the_computed_values_of_its_formulas():
    call = ranked_call(free="15000.00")
    reviewed(call, "4.90", requested="8000.00")
    reviewed(call, "4.00", requested="9000.00")
    book = openpyxl.load_workbook(io.BytesIO(ranking_xlsx(call_ranking(call))), data_only=True)
    sheet = book["Rangliste"]
    assert sheet["C2"].value == 15000
    assert [sheet["K5"].value, sheet["K6"].value] == [8000, 17000]
    assert [sheet["L5"].value, sheet["L6"].value] == [7000, -2000]
    assert not sheet["M5"].value
    assert sheet["M6"].value == MARK


def test_user_text_in_the_workbook_stays_text():
    call = ranked_call()
    reviewed(call, "4.00", title='=HYPERLINK("http://example.org","klick")')
    sheet = load(call_ranking(call))["Rangliste"]
    assert sheet["C5"].value == '=HYPERLINK("http://example.org","klick")'
    assert sheet["C5"].data_type == "s"


def test_an_empty_ranking_still_gives_a_workbook_with_totals():
    sheet = load(call_ranking(ranked_call()))["Rangliste"]
    assert sheet["A5"].value == "Summe"
    assert sheet["I5"].value == "=SUM(I5:I5)"


@pytest.mark.parametrize("role", [CASEWORKER, APPROVER, ADMINISTRATION, FINANCE])
def test_staff_of_these_roles_may_see_the_ranking(role):
    assert ranking_refusal(staff_in(role)) is None


def test_jurors_and_applicants_may_not_see_the_ranking(applicant):
    assert ranking_refusal(staff_in(REVIEWER))
    assert ranking_refusal(applicant)
    assert ranking_refusal(UserFactory())
