"""A simplified final report at its check: the sample draw decides between acceptance and a
request for the receipts list; the checker sees the report is simplified and the draw."""

from decimal import Decimal

import pytest
from django.urls import reverse

from core.models import AuditEntry
from grants.models import (
    CaseProcedure,
    ProofOfUse,
    Receipt,
    ReportCheckResult,
    ReportSample,
    ReportStatus,
)
from grants.reports.rules import RECEIPTS
from grants.sampling import block_size, drawn_positions
from grants.services.errors import ReportRejected
from tests.factories import ProgrammeFactory
from tests.grants.report_factories import ReportFactory, fill_report
from workflow.report.case import report_case_submit
from workflow.report.flow import ReportFlow as REPORTS
from workflow.selectors import report_process_of

pytestmark = pytest.mark.django_db
SAMPLE_ACTION = "grants.report.sample_drawn"


def seed_for(share: str, *, drawn: bool) -> str:
    """A seed whose draw takes (or leaves) the first place of a block."""
    share_ = Decimal(share)
    size = block_size(share_)
    return next(
        seed
        for seed in (f"{n:032x}" for n in range(1000))
        if (1 in drawn_positions(seed, size, share_)) is drawn
    )


@pytest.fixture
def with_seed(monkeypatch):
    """`with_seed(seed)`: the next block of the sample is drawn with this seed."""
    return lambda seed: monkeypatch.setattr(
        "grants.services.report_sample.secrets.token_hex", lambda nbytes: seed
    )


def submitted(organisation, applicant, *, simplified=True, share="10"):
    """A final report handed in through the portal, waiting for its check."""
    proof = ProofOfUse.SIMPLIFIED if simplified else ProofOfUse.FULL
    programme = ProgrammeFactory(proof_of_use=proof, sample_share=Decimal(share))
    procedure = CaseProcedure.objects.create(
        programme=programme, proof_of_use=proof, sample_share=Decimal(share)
    )
    report = fill_report(
        ReportFactory(
            application__organisation=organisation,
            application__created_by=applicant,
            application__call__programme=programme,
            application__procedure=procedure,
            simplified=simplified,
        )
    )
    if simplified:
        report.receipts.all().delete()
    return report_case_submit(report=report, user=applicant)


def check_url(client, user, report):
    """Log in, take the open check task and return the URL of its page."""
    reverse("antraege:case", args=[report.application_id])  # loads the flows' URLs
    task = report_process_of(report).task_set.get(flow_task=REPORTS.check, status="NEW")
    client.force_login(user)
    client.post(REPORTS.check.reverse("assign", args=[task.process_id, task.pk]))
    return REPORTS.check.reverse("execute", args=[task.process_id, task.pk])


def add_receipts(report):
    """The receipts list that adds up to the actual costs."""
    for number, actual in enumerate(report.cost_actuals.all(), start=1):
        Receipt.objects.create(
            report=report,
            number=number,
            date=report.application.project_start,
            payee="Musikschule Wuppertal",
            purpose="Kursleitung",
            amount=actual.amount,
            cost_line=actual.cost_line,
        )


def test_a_simplified_report_not_drawn_is_accepted_without_receipts(
    client, staff, organisation, applicant, with_seed
):
    with_seed(seed_for("10", drawn=False))
    report = submitted(organisation, applicant)
    url = check_url(client, staff["caseworker"], report)
    page = client.get(url).content.decode()
    assert "Einfacher Verwendungsnachweis" in page
    assert "Stichprobe von mindestens 10 %" in page
    assert 'id="belege"' not in page  # no receipts list to check

    response = client.post(url, {"result": "accepted", "message": ""})
    assert response.status_code == 302, response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert (report.sample.number, report.sample_position) == (1, 1)
    assert report.drawn_for_full_check is False
    entry = AuditEntry.objects.get(action=SAMPLE_ACTION, object_id=str(report.pk))
    assert entry.actor == staff["caseworker"] and entry.after["drawn"] is False


def test_a_drawn_report_goes_back_for_its_receipts_and_is_accepted_with_them(
    client, staff, organisation, applicant, with_seed
):
    seed = seed_for("10", drawn=True)
    with_seed(seed)
    report = submitted(organisation, applicant)
    url = check_url(client, staff["caseworker"], report)
    response = client.post(url, {"result": "accepted", "message": "Danke für den Bericht."})
    assert response.status_code == 302, response.content.decode()

    report.refresh_from_db()
    assert report.status == ReportStatus.REVISION_REQUESTED
    assert report.drawn_for_full_check is True
    check = report.checks.get()
    assert check.result == ReportCheckResult.REVISION
    assert "Stichprobe für die vollständige Prüfung" in check.message
    assert "Belegliste" in check.message and "Danke für den Bericht." in check.message
    assert report.accepted_at is None

    # The portal shows the request and now asks for the receipts list.
    client.force_login(applicant)
    page = client.get(reverse("portal:report_edit", args=[report.pk])).content.decode()
    assert "Stichprobe für die vollständige Prüfung" in page
    assert 'name="receipts-TOTAL_FORMS"' in page
    # Without receipts it cannot be handed in again: from now on it is a full report.
    with pytest.raises(ReportRejected) as refused:
        report_case_submit(report=report, user=applicant)
    assert RECEIPTS in refused.value.errors
    add_receipts(report)
    report_case_submit(report=report, user=applicant)

    url = check_url(client, staff["caseworker"], report)
    page = client.get(url).content.decode()
    assert "In der Stichprobe gezogen:" in page
    assert seed in page
    assert 'id="belege"' in page
    response = client.post(url, {"result": "accepted", "message": ""})
    assert response.status_code == 302, response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    # One draw per report: the second acceptance draws nothing new.
    assert AuditEntry.objects.filter(action=SAMPLE_ACTION).count() == 1
    assert ReportSample.objects.count() == 1


def test_a_full_report_is_accepted_without_a_draw(client, staff, organisation, applicant):
    report = submitted(organisation, applicant, simplified=False, share="100")
    url = check_url(client, staff["caseworker"], report)
    assert "Einfacher Verwendungsnachweis" not in client.get(url).content.decode()
    response = client.post(url, {"result": "accepted", "message": ""})
    assert response.status_code == 302, response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert report.sample is None and report.drawn_for_full_check is False
    assert not AuditEntry.objects.filter(action=SAMPLE_ACTION).exists()


def test_a_request_for_revision_draws_nothing(client, staff, organisation, applicant):
    report = submitted(organisation, applicant, share="100")
    url = check_url(client, staff["caseworker"], report)
    response = client.post(url, {"result": "revision", "message": "Bitte Sachbericht ergänzen."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.REVISION_REQUESTED
    assert report.sample is None and not ReportSample.objects.exists()


def test_who_may_not_check_the_report_cannot_trigger_the_draw(
    client, staff, organisation, applicant
):
    report = submitted(organisation, applicant, share="100")
    reverse("antraege:case", args=[report.application_id])
    task = report_process_of(report).task_set.get(flow_task=REPORTS.check, status="NEW")
    url = REPORTS.check.reverse("execute", args=[task.process_id, task.pk])
    for user in (staff["reviewer"], staff["finance"], applicant):
        client.force_login(user)
        assert client.post(url, {"result": "accepted", "message": ""}).status_code == 403
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.sample is None
