"""The submission rules of DOMAIN.md, rule 1, one by one."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.models import District
from grants.models import FinancingType
from grants.rules import ATTACHMENTS, CALL, COSTS, PLAN, submission_errors
from tests.factories import ApplicationFactory, ProgrammeFactory, RequiredDocumentFactory

pytestmark = pytest.mark.django_db


def errors_of(application):
    return submission_errors(application, today=timezone.localdate())


def test_a_complete_application_breaks_no_rule(draft):
    assert errors_of(draft) == {}


def test_the_plan_must_balance_to_the_cent(draft):
    draft.requested_amount = Decimal("7999.99")
    errors = errors_of(draft)
    assert list(errors) == [PLAN]
    assert "Differenz 0,01" in errors[PLAN][0]


def test_the_requested_amount_must_be_within_the_programme_maximum(draft):
    programme = draft.programme
    programme.max_amount = Decimal("7999.99")
    programme.save()
    assert "höchstens 7.999,99" in errors_of(draft)["requested_amount"][0]


def test_share_financing_allows_at_most_the_rate_of_the_costs(draft):
    programme = draft.programme
    programme.funding_rate = Decimal("75.00")
    programme.save()
    # 75 % of 10,000.00 = 7,500.00 < 8,000.00 requested
    assert (
        "Bei 75 % Anteilfinanzierung sind höchstens 7.500,00"
        in (errors_of(draft)["requested_amount"][0])
    )


def test_gap_financing_has_no_share_limit():
    programme = ProgrammeFactory(financing_type=FinancingType.GAP, funding_rate=None)
    application = ApplicationFactory(call__programme=programme)
    assert errors_of(application) == {}


def test_the_call_must_be_open(draft):
    call = draft.call
    call.opens_on = timezone.localdate() + datetime.timedelta(days=1)
    call.save()
    assert "nicht geöffnet" in errors_of(draft)[CALL][0]


def test_the_project_period_must_lie_in_the_calls_window_and_duration(draft):
    call = draft.call
    draft.project_start = call.project_start_earliest - datetime.timedelta(days=1)
    draft.project_end = draft.project_start + datetime.timedelta(days=400)
    errors = errors_of(draft)
    assert "frühestens" in errors["project_start"][0]
    assert any("höchstens 12 Monate" in e for e in errors["project_end"])


def test_the_end_cannot_lie_before_the_start(draft):
    draft.project_end = draft.project_start - datetime.timedelta(days=1)
    assert errors_of(draft)["project_end"] == ["Das Projektende liegt vor dem Projektbeginn."]


def test_districts_must_be_chosen_and_eligible(draft):
    programme = draft.programme
    programme.eligible_districts.set(District.objects.filter(number__gte=5))
    assert "Elberfeld" in errors_of(draft)["districts"][0]
    draft.districts.clear()
    assert "mindestens einen" in errors_of(draft)["districts"][0]


def test_every_required_document_must_be_attached(draft):
    RequiredDocumentFactory(programme=draft.programme, name="Freistellungsbescheid")
    assert errors_of(draft)[ATTACHMENTS] == ["Es fehlt die Unterlage „Freistellungsbescheid“."]


def test_texts_and_costs_must_be_filled_in():
    application = ApplicationFactory(summary=" ", plan=False, requested_amount=None)
    errors = errors_of(application)
    assert "summary" in errors
    assert "requested_amount" in errors
    assert "Kostenplan" in errors[COSTS][0]
