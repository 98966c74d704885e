"""The rules of the case steps, service by service."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from core.errors import NotAllowed
from grants.models import Application, ApplicationStatus, DecisionOutcome
from grants.scoring import weighted_total
from grants.services.case import decision_record, formal_check_record

pytestmark = pytest.mark.django_db


def test_the_weighted_total_weighs_each_score():
    assert weighted_total([(4, Decimal("2")), (3, Decimal("1"))]) == Decimal("3.67")
    assert weighted_total([(5, Decimal("0.5")), (0, Decimal("0.5"))]) == Decimal("2.50")
    with pytest.raises(ValueError):
        weighted_total([])


def at(application, status):
    Application.objects.filter(pk=application.pk).update(status=status)
    application.refresh_from_db()
    return application


def test_a_request_for_revision_needs_a_message(draft, applicant):
    at(draft, ApplicationStatus.SUBMITTED)
    with pytest.raises(ValidationError, match="was fehlt"):
        formal_check_record(application=draft, user=applicant, complete=False, message=" ")
    check = formal_check_record(
        application=draft, user=applicant, complete=False, message="Satzung"
    )
    assert check.round == 1
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.REVISION_REQUESTED


def test_a_step_in_the_wrong_state_is_refused(draft, applicant):
    with pytest.raises(NotAllowed, match="Entwurf"):
        formal_check_record(application=draft, user=applicant, complete=True)


@pytest.mark.parametrize("amount", ["0.00", "8000.00", "9000.00", None])
def test_a_partial_approval_lies_between_zero_and_the_requested_amount(draft, applicant, amount):
    at(draft, ApplicationStatus.AWAITING_DECISION)
    with pytest.raises(ValidationError, match="Teilbewilligung"):
        decision_record(
            application=draft,
            user=applicant,
            outcome=DecisionOutcome.PARTIAL,
            approved_amount=Decimal(amount) if amount else None,
            reasons="Zu hohe Honorare.",
        )


def test_a_full_approval_grants_the_requested_amount_and_needs_no_reasons(draft, applicant):
    at(draft, ApplicationStatus.AWAITING_DECISION)
    decision = decision_record(
        application=draft,
        user=applicant,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=Decimal("1.00"),
        reasons="",
    )
    assert decision.approved_amount == Decimal("8000.00")
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.APPROVED
