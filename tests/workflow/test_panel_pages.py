"""The juror's pages: the list of their seats (fixed queries), the scoring page of a seat (only
their own, one vote), and the jury on the case page with the scores each person may see."""

from decimal import Decimal

import pytest
from django.urls import reverse

from applicants.models import Membership
from core.roles import APPROVER, CASEWORKER, REVIEWER
from grants.models import (
    Application,
    ApplicationStatus,
    CaseProcedure,
    PanelSeat,
    ReviewMode,
)
from grants.services.panel import panel_assign, panel_seat_submit
from tests.factories import ApplicationFactory
from tests.workflow.conftest import staff_member

pytestmark = pytest.mark.django_db


def panel_case(call, organisation, title="Jurycase"):
    application = ApplicationFactory(call=call, organisation=organisation, title=title)
    procedure = CaseProcedure(
        programme=call.programme,
        review_mode=ReviewMode.PANEL,
        panel_size=3,
        spread_threshold=Decimal("1.00"),
    )
    procedure.full_clean()
    procedure.save()
    Application.objects.filter(pk=application.pk).update(
        procedure=procedure, status=ApplicationStatus.IN_REVIEW, reference=f"FT-{application.pk}"
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def jurors(db):
    return [staff_member(REVIEWER, last_name=f"Jury{n}") for n in range(3)]


@pytest.fixture
def caseworker(db):
    return staff_member(CASEWORKER)


def seat_with_jury(call, organisation, jurors, caseworker, title="Jurycase"):
    application = panel_case(call, organisation, title)
    seats = panel_assign(application=application, reviewers=jurors, by=caseworker)
    return application, {seat.reviewer_id: seat for seat in seats}


def vote_data(criteria, points, **extra):
    data = {f"score_{c.pk}": p for c, p in zip(criteria, points, strict=True)}
    data |= {"assessment": "Überzeugend.", "recommendation": "approve"}
    data |= {"no_conflict_of_interest": "on"}
    return data | extra


def vote(seat, user, criteria, points):
    return panel_seat_submit(
        seat=seat,
        user=user,
        scores={c.pk: p for c, p in zip(criteria, points, strict=True)},
        assessment="Gut.",
        recommendation="approve",
        recommended_amount=None,
        no_conflict_of_interest=True,
    )


def test_a_juror_scores_their_seat_and_then_sees_the_others(
    client, call, organisation, criteria, jurors, caseworker
):
    _application, seats = seat_with_jury(call, organisation, jurors, caseworker)
    vote(seats[jurors[1].pk], jurors[1], criteria, [1, 1])
    client.force_login(jurors[0])
    url = reverse("jury:seat", args=[seats[jurors[0].pk].pk])
    page = client.get(url).content.decode()
    assert "Bewertung abgeben" in page
    assert "Bedarf im Quartier" in page
    assert "abgegeben (Punkte noch verborgen)" in page, "the other juror's vote stays hidden"
    assert "<strong>1,00</strong>" not in page
    response = client.post(url, vote_data(criteria, [5, 2]))
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Bewertung abgeben" not in page
    assert "4,00 Punkte (gewichtet)" in page  # own weighted total: (5×2 + 2×1) / 3
    assert "<strong>1,00</strong>" in page, "the other juror's weighted total is shown now"
    assert "Mittelwert 2,50 Punkte, Streuung 3,00 Punkte" in page
    assert "zur Besprechung markiert" in page


def test_a_second_vote_on_a_seat_is_refused(
    client, call, organisation, criteria, jurors, caseworker
):
    _application, seats = seat_with_jury(call, organisation, jurors, caseworker)
    seat = seats[jurors[0].pk]
    vote(seat, jurors[0], criteria, [3, 3])
    client.force_login(jurors[0])
    response = client.post(reverse("jury:seat", args=[seat.pk]), vote_data(criteria, [1, 1]))
    assert response.status_code == 403
    seat.refresh_from_db()
    assert seat.weighted_total == Decimal("3.00")


def test_another_reviewer_cannot_open_or_score_someone_elses_seat(
    client, call, organisation, criteria, jurors, caseworker
):
    _application, seats = seat_with_jury(call, organisation, jurors, caseworker)
    url = reverse("jury:seat", args=[seats[jurors[0].pk].pk])
    for intruder in (jurors[1], staff_member(REVIEWER)):
        client.force_login(intruder)
        assert client.get(url).status_code == 404
        assert client.post(url, vote_data(criteria, [5, 5])).status_code == 404
    client.force_login(caseworker)  # not a reviewer at all: the jury pages are not theirs
    assert client.get(url).status_code == 403
    assert client.post(url, vote_data(criteria, [5, 5])).status_code == 403
    assert not PanelSeat.objects.filter(submitted_at__isnull=False).exists()


def test_a_juror_who_joined_the_organisation_sees_the_refusal(
    client, call, organisation, criteria, jurors, caseworker
):
    _application, seats = seat_with_jury(call, organisation, jurors, caseworker)
    Membership.objects.create(user=jurors[0], organisation=organisation, role="member")
    client.force_login(jurors[0])
    url = reverse("jury:seat", args=[seats[jurors[0].pk].pk])
    response = client.get(url)
    assert response.status_code == 403
    assert "antragstellenden Organisation" in response.content.decode()
    assert "Bewertung abgeben" not in response.content.decode()
    assert client.post(url, vote_data(criteria, [5, 5])).status_code == 403


def test_an_invalid_vote_shows_the_form_again(
    client, call, organisation, criteria, jurors, caseworker
):
    _application, seats = seat_with_jury(call, organisation, jurors, caseworker)
    client.force_login(jurors[0])
    url = reverse("jury:seat", args=[seats[jurors[0].pk].pk])
    data = vote_data(criteria, [4, 4])
    del data["no_conflict_of_interest"]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Interessenkonflikt dürfen Sie nicht begutachten" in response.content.decode()
    assert not PanelSeat.objects.filter(submitted_at__isnull=False).exists()


def test_the_case_page_shows_the_scores_to_staff_only_once_every_juror_is_in(
    client, call, organisation, criteria, jurors, caseworker
):
    application, seats = seat_with_jury(call, organisation, jurors, caseworker)
    vote(seats[jurors[0].pk], jurors[0], criteria, [5, 5])
    vote(seats[jurors[1].pk], jurors[1], criteria, [4, 4])
    approver = staff_member(APPROVER)
    client.force_login(approver)
    url = reverse("antraege:case", args=[application.pk])
    page = client.get(url).content.decode()
    assert "2 von 3 Bewertungen abgegeben" in page
    assert "<strong>5,00</strong>" not in page
    vote(seats[jurors[2].pk], jurors[2], criteria, [3, 3])
    page = client.get(url).content.decode()
    assert "Mittelwert 4,00 Punkte, Streuung 2,00 Punkte" in page
    assert "zur Besprechung markiert" in page
    assert "<strong>5,00</strong>" in page


def test_only_reviewers_have_a_list_of_jury_seats(client, caseworker):
    client.force_login(caseworker)
    assert client.get(reverse("jury:index")).status_code == 403


@pytest.mark.parametrize("cases", [2, 6])
def test_the_list_of_seats_runs_a_fixed_number_of_queries(
    client, call, organisation, criteria, jurors, caseworker, django_assert_num_queries, cases
):
    for number in range(cases):
        _application, seats = seat_with_jury(
            call, organisation, jurors, caseworker, title=f"Fall {number}"
        )
        if number % 2:
            vote(seats[jurors[0].pk], jurors[0], criteria, [4, 4])
    client.force_login(jurors[0])
    url = reverse("jury:index")
    client.get(url)  # the menu's caches
    # session, user, device, staff-role check, reviewer role, menu permissions (2),
    # open seats, count and page of the submitted ones
    with django_assert_num_queries(QUERIES):
        response = client.get(url)
    page = response.content.decode()
    assert page.count("Fall ") == cases
    assert f"Abgegeben ({cases // 2})" in page


QUERIES = 10
