"""An Änderungsbescheid writes the next version of the terms: the one before with the new
amount; the settlement reads the version in force."""

import datetime
import io
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from pypdf import PdfReader

from budgeting.services.settlement import settlement_input
from grants.models import ChangeRequest, GrantTerms, Notice, NoticeKind
from grants.reports.rules import ReportTotals
from grants.services.finality import waiver_declare
from grants.settlement import settle
from grants.terms import terms_in_force
from tests.workflow.grants import approved_grant
from workflow.change.case import change_submit
from workflow.change.flow import ChangeFlow as CHANGE
from workflow.change.services import task_change_check, task_change_decide
from workflow.models import ChangeProcess
from workflow.task_services import task_complete_as

pytestmark = pytest.mark.django_db


def process_of_change(change) -> ChangeProcess:
    return ChangeProcess.objects.get(
        artifact_content_type=ContentType.objects.get_for_model(ChangeRequest),
        artifact_object_id=change.pk,
    )


@pytest.fixture
def grant(draft, applicant, staff, budget_line):
    """8,000.00 € approved (80 % of 10,000.00), final by the waiver."""
    application = approved_grant(draft, applicant, staff, [(budget_line, "8000.00")])
    return waiver_declare(application=application, user=applicant)


def approve_change(application, applicant, staff, **data) -> ChangeRequest:
    change = change_submit(
        application=application,
        user=applicant,
        reason="Ein Kurs fällt weg; wir brauchen weniger Geld.",
        **data,
    )
    process = process_of_change(change)
    task_complete_as(
        node=CHANGE.check,
        user=staff["caseworker"],
        service=task_change_check,
        process=process,
        recommend=True,
    )
    task_complete_as(
        node=CHANGE.decide,
        user=staff["approver"],
        service=task_change_decide,
        process=process,
        approve=True,
    )
    change.refresh_from_db()
    return change


def test_an_aenderungsbescheid_writes_version_2_with_the_new_amount(grant, applicant, staff):
    change = approve_change(grant, applicant, staff, new_amount=Decimal("6000.00"))

    first, second = GrantTerms.objects.filter(application=grant).order_by("version")
    assert (first.version, first.approved_amount, first.change_request) == (
        1,
        Decimal("8000.00"),
        None,
    )
    assert (second.version, second.change_request, second.decision) == (2, change, None)
    assert second.approved_amount == Decimal("6000.00")
    assert (second.financing_type, second.funding_rate, second.eligible_costs) == (
        first.financing_type,
        first.funding_rate,
        first.eligible_costs,
    )
    assert change.version_issued == 2
    notice = Notice.objects.get(application=grant, kind=NoticeKind.APPROVAL, version=2)
    with notice.file.open("rb") as handle:
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
    text = " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())
    assert "bewilligte Zuwendung (Höchstbetrag) 6.000,00 €" in text
    assert "zuwendungsfähige Ausgaben 10.000,00 €" in text


def test_the_settlement_reads_the_version_in_force_not_the_programme(grant, applicant, staff):
    """After the change, 80 % of 7,000.00 actual costs are 5,600.00, within H = 6,000.00;
    the programme's rate, lowered to 50 % meanwhile, does not count."""
    approve_change(grant, applicant, staff, new_amount=Decimal("6000.00"))
    programme = grant.call.programme
    programme.funding_rate = Decimal("50.00")
    programme.save()
    totals = ReportTotals(
        costs_planned=Decimal("10000.00"),
        costs_actual=Decimal("7000.00"),
        own_planned=Decimal("1000.00"),
        own_actual=Decimal("1000.00"),
        third_planned=Decimal("1000.00"),
        third_actual=Decimal("1000.00"),
        receipts_total=Decimal("7000.00"),
    )

    terms = terms_in_force(grant)
    result = settle(
        settlement_input(grant, totals, approved=terms.approved_amount, paid=Decimal("0.00"))
    )

    assert terms.version == 2
    assert result.final_grant == Decimal("5600.00")


def test_a_change_of_the_period_only_keeps_the_amount_in_the_next_version(grant, applicant, staff):
    approve_change(
        grant, applicant, staff, new_project_start=grant.project_start + datetime.timedelta(days=14)
    )

    terms = terms_in_force(grant)
    assert (terms.version, terms.approved_amount) == (2, Decimal("8000.00"))
