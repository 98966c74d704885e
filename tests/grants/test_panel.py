"""The jury of a case: who may sit on it, the pool draw, one vote each, mean, spread, visibility."""

from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError

from core.errors import NotAllowed
from core.models import AuditEntry
from core.roles import APPROVER, CASEWORKER, REVIEWER
from core.services import roles_ensure
from grants.models import (
    Application,
    ApplicationStatus,
    CaseProcedure,
    Criterion,
    Decision,
    FormalCheck,
    FormalCheckResult,
    PanelSeat,
    Recommendation,
    ReviewMode,
)
from grants.panel import case_panel_result, panel_result, panel_scores_visible
from grants.permissions import decision_refusal, review_refusal
from grants.services.panel import (
    panel_assign,
    panel_draw_from_pool,
    panel_is_complete,
    panel_seat_submit,
)
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def staff_member(role: str, **kwargs):
    roles_ensure()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def panel_case(*, size=3, threshold="1.00", status=ApplicationStatus.IN_REVIEW):
    """An application in review under a jury procedure with two weighted criteria."""
    application = ApplicationFactory()
    programme = application.call.programme
    Criterion.objects.create(programme=programme, name="Bedarf im Quartier", weight="2")
    Criterion.objects.create(programme=programme, name="Wirkung", weight="1")
    procedure = CaseProcedure(
        programme=programme,
        review_mode=ReviewMode.PANEL,
        panel_size=size,
        spread_threshold=Decimal(threshold),
    )
    procedure.full_clean()
    procedure.save()
    Application.objects.filter(pk=application.pk).update(procedure=procedure, status=status)
    application.refresh_from_db()
    return application


def vote(seat, user, points, **overrides):
    criteria = list(seat.application.call.programme.criteria.all())
    arguments = {
        "seat": seat,
        "user": user,
        "scores": {c.pk: p for c, p in zip(criteria, points, strict=True)},
        "assessment": "Gut begründet.",
        "recommendation": Recommendation.APPROVE,
        "recommended_amount": None,
        "no_conflict_of_interest": True,
    }
    return panel_seat_submit(**(arguments | overrides))


@pytest.fixture
def caseworker(db):
    return staff_member(CASEWORKER)


@pytest.fixture
def jurors(db):
    return [staff_member(REVIEWER) for _ in range(3)]


def seated(application, jurors, caseworker):
    seats = panel_assign(application=application, reviewers=jurors, by=caseworker)
    return {seat.reviewer_id: seat for seat in seats}


def fresh(application):
    return Application.objects.prefetch_related("panel_seats").get(pk=application.pk)


def test_the_case_score_is_the_mean_and_a_spread_above_the_threshold_is_flagged():
    result = panel_result(
        [Decimal("4.00"), Decimal("2.50"), Decimal("3.00")], spread_threshold=Decimal("1.00")
    )
    assert result.mean == Decimal("3.17")
    assert result.spread == Decimal("1.50")
    assert result.flagged and result.is_complete
    calm = panel_result([Decimal("4.00"), Decimal("3.00"), None], spread_threshold=Decimal("1.00"))
    assert calm.mean == Decimal("3.50") and calm.spread == Decimal("1.00")
    assert not calm.flagged, "a spread equal to the threshold is not above it"
    assert not calm.is_complete
    assert panel_result([None, None], spread_threshold=Decimal("1")).mean is None


def test_the_jurors_votes_give_the_case_mean_and_flag(caseworker, jurors):
    application = panel_case(threshold="1.50")
    seats = seated(application, jurors, caseworker)
    vote(seats[jurors[0].pk], jurors[0], [5, 5])  # 5.00
    vote(seats[jurors[1].pk], jurors[1], [4, 1])  # 3.00
    assert not panel_is_complete(application)
    vote(seats[jurors[2].pk], jurors[2], [3, 3])  # 3.00
    assert panel_is_complete(application)
    result = case_panel_result(fresh(application))
    assert result.mean == Decimal("3.67")
    assert result.spread == Decimal("2.00")
    assert result.flagged


def test_a_juror_sees_the_others_scores_only_after_submitting_their_own(caseworker, jurors):
    application = panel_case()
    seats = seated(application, jurors, caseworker)
    approver = staff_member(APPROVER)
    outsider = staff_member(REVIEWER)
    assert not panel_scores_visible(jurors[0], fresh(application))
    vote(seats[jurors[0].pk], jurors[0], [4, 4])
    assert panel_scores_visible(jurors[0], fresh(application))
    assert not panel_scores_visible(jurors[1], fresh(application))
    assert not panel_scores_visible(caseworker, fresh(application)), "not before all are in"
    vote(seats[jurors[1].pk], jurors[1], [2, 2])
    vote(seats[jurors[2].pk], jurors[2], [3, 3])
    for user in (caseworker, approver, *jurors):
        assert panel_scores_visible(user, fresh(application))
    assert not panel_scores_visible(outsider, fresh(application)), "a reviewer off the jury"


def test_a_member_of_the_organisation_cannot_sit_on_the_jury(caseworker, jurors):
    application = panel_case()
    MembershipFactory(user=jurors[1], organisation=application.organisation)
    assert "Organisation" in review_refusal(jurors[1], application)
    with pytest.raises(ValidationError, match="Organisation"):
        panel_assign(application=application, reviewers=jurors, by=caseworker)
    assert not PanelSeat.objects.exists()


def test_the_formal_checker_and_the_decider_cannot_review_the_case(caseworker, jurors):
    application = panel_case()
    FormalCheck.objects.create(
        application=application, round=1, result=FormalCheckResult.COMPLETE, checked_by=jurors[0]
    )
    Decision.objects.create(application=application, outcome="rejected", decided_by=jurors[1])
    assert "Vollständigkeitsprüfung" in review_refusal(jurors[0], application)
    assert "entschieden" in review_refusal(jurors[1], application)
    assert review_refusal(jurors[2], application) is None
    assert "Fachgutachten" in review_refusal(caseworker, application)
    with pytest.raises(ValidationError, match="Vollständigkeitsprüfung"):
        panel_assign(application=application, reviewers=jurors, by=caseworker)


def test_a_juror_cannot_decide_the_case(caseworker, jurors):
    application = panel_case()
    deciding_juror = staff_member(APPROVER)
    deciding_juror.groups.add(Group.objects.get(name=REVIEWER))
    approver = staff_member(APPROVER)
    panel_assign(application=application, reviewers=[deciding_juror, *jurors[:2]], by=caseworker)
    assert "Jury" in decision_refusal(deciding_juror, application)
    assert decision_refusal(approver, application) is None


def test_the_jury_has_exactly_the_procedures_number_of_distinct_reviewers(caseworker, jurors):
    application = panel_case(size=3)
    with pytest.raises(ValidationError, match="genau 3"):
        panel_assign(application=application, reviewers=jurors[:2], by=caseworker)
    with pytest.raises(ValidationError, match="genau 3"):
        panel_assign(application=application, reviewers=[*jurors[:2], jurors[0]], by=caseworker)
    with pytest.raises(NotAllowed, match="Sachbearbeitung"):
        panel_assign(application=application, reviewers=jurors, by=jurors[0])
    panel_assign(application=application, reviewers=jurors, by=caseworker)
    with pytest.raises(NotAllowed, match="bereits besetzt"):
        panel_assign(application=application, reviewers=jurors, by=caseworker)


def test_a_single_review_case_gets_no_jury(caseworker, jurors):
    application = panel_case()
    CaseProcedure.objects.filter(pk=application.procedure_id).update(
        review_mode=ReviewMode.SINGLE, spread_threshold=None
    )
    application.refresh_from_db()
    with pytest.raises(NotAllowed, match="Jury"):
        panel_assign(application=application, reviewers=jurors, by=caseworker)


def test_the_pool_draw_takes_the_least_busy_eligible_reviewers_by_pk(caseworker):
    pool = [staff_member(REVIEWER) for _ in range(5)]
    busy_case = panel_case(size=2)
    panel_assign(application=busy_case, reviewers=pool[:2], by=caseworker)  # 0, 1 have one open
    application = panel_case(size=3)
    MembershipFactory(user=pool[2], organisation=application.organisation)  # ineligible
    staff_member(CASEWORKER)  # not in the pool at all
    seats = panel_draw_from_pool(application=application, by=caseworker)
    assert [seat.reviewer for seat in seats] == [pool[3], pool[4], pool[0]]
    assert all(seat.from_pool for seat in seats)
    again = panel_case(size=3)
    MembershipFactory(user=pool[2], organisation=again.organisation)
    assert [s.reviewer for s in panel_draw_from_pool(application=again, by=caseworker)] == [
        pool[1],
        pool[3],
        pool[4],
    ], "pool[0], pool[3], pool[4] now hold an open seat more than pool[1]"


def test_the_pool_draw_refuses_when_too_few_reviewers_are_eligible(caseworker):
    staff_member(REVIEWER)
    application = panel_case(size=3)
    with pytest.raises(ValidationError, match="nur 1"):
        panel_draw_from_pool(application=application, by=caseworker)
    assert not PanelSeat.objects.exists()


def test_a_juror_votes_once_and_only_on_their_own_seat(caseworker, jurors):
    application = panel_case()
    seats = seated(application, jurors, caseworker)
    seat = seats[jurors[0].pk]
    with pytest.raises(NotAllowed, match="anderen Person"):
        vote(seat, jurors[1], [4, 4])
    vote(seat, jurors[0], [4, 3])
    seat.refresh_from_db()
    assert seat.weighted_total == Decimal("3.67")
    assert [s.score for s in seat.scores.all()] == [4, 3]
    with pytest.raises(NotAllowed, match="bereits"):
        vote(seat, jurors[0], [1, 1])
    seat.refresh_from_db()
    assert seat.weighted_total == Decimal("3.67")


def test_a_vote_needs_every_criterion_a_declaration_and_a_reason(caseworker, jurors):
    application = panel_case()
    seat = seated(application, jurors, caseworker)[jurors[0].pk]
    criteria = list(application.call.programme.criteria.all())
    with pytest.raises(ValidationError, match="Es fehlen Punkte"):
        vote(seat, jurors[0], [4, 4], scores={criteria[0].pk: 4})
    with pytest.raises(ValidationError, match="zwischen 0 und 5"):
        vote(seat, jurors[0], [6, 4])
    with pytest.raises(ValidationError, match="Interessenkonflikt"):
        vote(seat, jurors[0], [4, 4], no_conflict_of_interest=False)
    with pytest.raises(ValidationError, match="begründen"):
        vote(seat, jurors[0], [4, 4], assessment=" ")
    with pytest.raises(ValidationError, match="empfohlenen Betrag"):
        vote(seat, jurors[0], [4, 4], recommendation=Recommendation.PARTIAL)
    seat.refresh_from_db()
    assert not seat.is_submitted


def test_a_vote_outside_the_review_is_refused(caseworker, jurors):
    application = panel_case()
    seat = seated(application, jurors, caseworker)[jurors[0].pk]
    Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.AWAITING_DECISION)
    with pytest.raises(NotAllowed, match="Stand"):
        vote(seat, jurors[0], [4, 4])


def test_assignment_and_votes_are_audited(caseworker, jurors):
    application = panel_case()
    seats = seated(application, jurors, caseworker)
    vote(seats[jurors[0].pk], jurors[0], [4, 4])
    actions = list(
        AuditEntry.objects.filter(
            object_type="grants.application", object_id=str(application.pk)
        ).values_list("action", "actor_id")
    )
    assert ("grants.panel.assigned", caseworker.pk) in actions
    assert ("grants.panel.seat_submitted", jurors[0].pk) in actions
