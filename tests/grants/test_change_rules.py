"""The rules of an Änderungsantrag: when one is needed, and what may be requested."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.errors import NotAllowed
from grants.models import ApplicationStatus, ChangeRequest, ChangeRequestStatus
from grants.services.change import (
    change_decide,
    change_recommend,
    change_request_create,
    lines_over_tolerance,
    needs_change_request,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

D = Decimal
PLAN = {1: D("9000.00"), 2: D("1000.00")}


@pytest.mark.parametrize(
    ("actual", "needed"),
    [
        ({1: D("9000.00"), 2: D("1000.00")}, False),  # as planned
        ({1: D("8850.00"), 2: D("1150.00")}, False),  # 15 % shift into line 2
        ({1: D("8800.00"), 2: D("1200.00")}, False),  # exactly 20 %: still no request
        ({1: D("8799.99"), 2: D("1200.01")}, True),  # just above 20 %
        ({1: D("8750.00"), 2: D("1250.00")}, True),  # 25 % shift
        ({1: D("9000.00"), 2: D("1100.00")}, True),  # total grows
        ({1: D("8900.00"), 2: D("1000.00")}, True),  # total shrinks
        ({1: D("9000.00")}, True),  # a line dropped: total changes
        ({1: D("8500.00"), 2: D("1000.00"), 3: D("500.00")}, True),  # a new line: unplanned
    ],
)
def test_needs_change_request(actual, needed):
    assert needs_change_request(PLAN, actual) is needed


def test_small_shifts_over_many_lines_need_no_request():
    planned = {1: D("1000.00"), 2: D("1000.00"), 3: D("1000.00")}
    actual = {1: D("1150.00"), 2: D("900.00"), 3: D("950.00")}
    assert needs_change_request(planned, actual) is False


@pytest.fixture
def approved(draft):
    type(draft).objects.filter(pk=draft.pk).update(
        status=ApplicationStatus.APPROVED, reference="ZI-2027-0001"
    )
    draft.refresh_from_db()
    return draft


def errors_of(excinfo) -> dict:
    return excinfo.value.message_dict


def test_only_members_ask_for_a_change(approved, other_applicant):
    with pytest.raises(NotAllowed):
        change_request_create(
            application=approved, user=other_applicant, reason="x", new_amount=D("9000.00")
        )


def test_a_draft_cannot_be_changed(draft, applicant):
    with pytest.raises(ValidationError, match="bewilligte Zuwendung"):
        change_request_create(
            application=draft, user=applicant, reason="Mehr Geld", new_amount=D("9000.00")
        )


def test_the_rules_of_a_change_are_keyed_by_field(approved, applicant):
    call = approved.call
    with pytest.raises(ValidationError) as excinfo:
        change_request_create(application=approved, user=applicant, reason=" ")
    errors = errors_of(excinfo)
    assert "reason" in errors and "mindestens eine Änderung" in errors["__all__"][0]

    with pytest.raises(ValidationError) as excinfo:
        change_request_create(
            application=approved,
            user=applicant,
            reason="Verschiebung",
            new_project_start=call.project_start_earliest - datetime.timedelta(days=1),
            new_project_end=call.project_end_latest + datetime.timedelta(days=1),
            new_amount=D("15000.01"),
        )
    errors = errors_of(excinfo)
    assert "frühestens" in errors["new_project_start"][0]
    assert "spätestens" in errors["new_project_end"][0]
    assert "höchstens 15.000,00" in errors["new_amount"][0]

    with pytest.raises(ValidationError) as excinfo:
        change_request_create(
            application=approved,
            user=applicant,
            reason="Früher fertig",
            new_project_end=approved.project_start - datetime.timedelta(days=1),
        )
    assert "vor dem Projektbeginn" in errors_of(excinfo)["new_project_end"][0]

    with pytest.raises(ValidationError) as excinfo:
        change_request_create(
            application=approved, user=applicant, reason="Weniger", new_amount=D("0.00")
        )
    assert "größer als 0,00" in errors_of(excinfo)["new_amount"][0]

    with pytest.raises(ValidationError) as excinfo:
        change_request_create(
            application=approved,
            user=applicant,
            reason="Gleiches Ende",
            new_project_end=approved.project_end,
        )
    assert "mindestens eine Änderung" in errors_of(excinfo)["__all__"][0]
    assert not ChangeRequest.objects.exists()


def test_recommend_and_decide_guard_their_states_and_the_four_eyes(approved, applicant):
    checker, approver = UserFactory(), UserFactory()
    change = change_request_create(
        application=approved,
        user=applicant,
        reason="Längere Laufzeit",
        new_project_end=approved.project_end + datetime.timedelta(days=30),
    )
    with pytest.raises(NotAllowed):  # not yet recommended
        change_decide(change=change, user=approver, approve=True)
    change = change_recommend(change=change, user=checker, recommend=True)
    assert change.status == ChangeRequestStatus.RECOMMENDED
    with pytest.raises(NotAllowed, match="geprüft"):
        change_decide(change=change, user=checker, approve=True)
    with pytest.raises(ValidationError):
        change_decide(change=change, user=approver, approve=False, reasons="")
    change = change_decide(change=change, user=approver, approve=True)
    approved.refresh_from_db()
    assert change.status == ChangeRequestStatus.APPROVED
    assert approved.project_end == change.new_project_end
    with pytest.raises(NotAllowed):  # decided once
        change_decide(change=change, user=approver, approve=False, reasons="Doch nicht.")


def test_lines_more_than_20_percent_above_plan_are_named():
    planned = {1: Decimal("1000.00"), 2: Decimal("500.00")}
    assert lines_over_tolerance(planned, {1: Decimal("1200.00"), 2: Decimal("300.00")}) == []
    assert lines_over_tolerance(planned, {1: Decimal("1200.01"), 2: Decimal("100.00")}) == [1]
    assert lines_over_tolerance(planned, {3: Decimal("1.00")}) == [3]
