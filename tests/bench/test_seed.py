"""The bulk seeding of the scale benchmarks (bench/seed.py): spread, valid plans, pages render."""

from collections import Counter
from datetime import timedelta

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from viewflow.workflow.models import Task

from applicants.iban import parse_iban
from applicants.models import BankAccount, Membership, Organisation
from bench.seeding.bulk import seed
from budgeting.balances import grant_balances
from budgeting.models import (
    OPEN_PAYMENT_STATUSES,
    BudgetLine,
    GrantSettlement,
    LedgerEntry,
    LedgerEntryKind,
    RefundClaim,
    RefundReason,
    RefundStatus,
)
from core.models import AuditEntry, User
from core.money import ZERO
from core.roles import APPROVER, CASEWORKER, FINANCE
from grants.models import (
    GRANTED_STATUSES,
    Application,
    ApplicationStatus,
    Decision,
    Report,
    ReportKind,
    ReportStatus,
)
from tests.core.login_helpers import staff_person
from workflow.selectors import case_history, process_of, report_process_of

S = ApplicationStatus

N = 60
pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return seed(N, random_seed=3)


BENCH = "bench.foerdertal.de"


def bench_applications():
    return Application.objects.filter(organisation__contact_email__endswith=BENCH)


def test_spread(seeded):
    applications = bench_applications()
    assert applications.count() == N
    statuses = Counter(applications.values_list("status", flat=True))
    assert len(statuses) >= 6, statuses
    assert {ApplicationStatus.DRAFT, ApplicationStatus.FINAL, ApplicationStatus.SUBMITTED} <= set(
        statuses
    )
    assert applications.values("call__programme").distinct().count() >= 3
    assert applications.values("call").distinct().count() >= 4
    districts = Application.districts.through.objects.filter(application__in=applications)
    assert districts.values("district").distinct().count() >= 5
    assert applications.values("organisation").distinct().count() >= 3
    assert all(a.districts.exists() for a in applications)


def test_the_large_organisation_has_its_share(seeded):
    large = Organisation.objects.get(pk=seeded.large_organisation_id)
    assert large.applications.count() >= 10
    assert Membership.objects.filter(organisation=large).count() >= 2
    assert all(
        Membership.objects.filter(organisation_id=pk).exists()
        for pk in bench_applications().values_list("organisation", flat=True)
    )


def test_every_plan_balances(seeded):
    applications = bench_applications().prefetch_related("cost_lines", "financing_lines")
    for application in applications:
        assert application.cost_lines.all(), application
        assert application.cost_total == application.financing_total, application
        assert application.requested_amount <= application.call.programme.max_amount
        assert all(line.amount > ZERO for line in application.cost_lines.all())


def test_references_and_submission(seeded):
    references = list(
        Application.objects.exclude(reference=None).values_list("reference", flat=True)
    )
    assert len(references) == len(set(references))
    assert all(r.startswith("ZI-") and len(r.split("-")[2]) >= 4 for r in references)
    for application in bench_applications():
        submitted = application.status != ApplicationStatus.DRAFT
        assert (application.submitted_at is not None) == submitted
        assert (application.reference is not None) == submitted
        assert (process_of(application) is not None) == submitted
        if application.status == ApplicationStatus.FINAL:
            assert application.final_on <= timezone.localdate()
            assert application.submitted_at.date() <= application.final_on
        if application.waiver_declared_at is not None:
            assert application.waiver_declared_at <= timezone.now()


def test_grants_are_committed_and_paid_within_the_budget(seeded):
    granted = bench_applications().filter(status__in=GRANTED_STATUSES)
    assert granted.exists()
    for application in granted:
        decision = Decision.objects.get(application=application)
        committed = sum(
            (
                e.amount
                for e in LedgerEntry.objects.filter(
                    application=application, kind=LedgerEntryKind.COMMITMENT
                )
            ),
            ZERO,
        )
        assert committed == decision.approved_amount
        paid = sum(
            (
                e.amount
                for e in LedgerEntry.objects.filter(
                    application=application, kind=LedgerEntryKind.PAYOUT
                )
            ),
            ZERO,
        )
        assert paid <= committed
    for line in BudgetLine.objects.with_amounts():
        assert line.free >= ZERO, line
    assert bench_applications().filter(payment_requests__isnull=False).exists()


def test_open_cases_have_open_tasks(seeded):
    open_statuses = [
        ApplicationStatus.SUBMITTED,
        ApplicationStatus.IN_REVIEW,
        ApplicationStatus.AWAITING_DECISION,
    ]
    for application in bench_applications().filter(status__in=open_statuses):
        process = process_of(application)
        assert process.status == "NEW"
        open_tasks = process.task_set.filter(status__in=("NEW", "ASSIGNED"), flow_task_type="HUMAN")
        assert open_tasks.exists()


def test_some_open_tasks_are_assigned_to_staff_of_their_role(seeded):
    assigned = Task.objects.filter(status="ASSIGNED").select_related("owner")
    assert assigned.exists()
    assert Task.objects.filter(status="NEW", flow_task_type="HUMAN", owner=None).exists()
    for task in assigned:
        assert task.flow_task_type == "HUMAN"
        assert task.owner is not None and task.assigned is not None
        assert task.owner.has_perm(task.owner_permission), task


def test_ibans_are_distinct_and_valid(seeded):
    accounts = BankAccount.objects.filter(organisation__contact_email__endswith=BENCH)
    ibans = list(accounts.values_list("iban", flat=True))
    assert len(ibans) == len(set(ibans)) >= 6
    for iban in ibans:
        assert parse_iban(iban).compact == iban


def test_settled_closed_and_revoked_grants(seeded):
    statuses = set(bench_applications().values_list("status", flat=True))
    assert {S.SETTLED, S.CLOSED, S.REVOKED} <= statuses
    for application in bench_applications().filter(status__in=[S.SETTLED, S.CLOSED]):
        settlement = GrantSettlement.objects.get(application=application)
        assert grant_balances(application).approved == settlement.final_grant
        assert settlement.final_grant <= settlement.approved
        assert settlement.refund - settlement.remaining_payable == (
            settlement.paid - settlement.final_grant
        )
        assert settlement.steps
        final_report = application.reports.get(kind=ReportKind.FINAL)
        assert final_report.status == ReportStatus.ACCEPTED
        claims = application.refund_claims.filter(status=RefundStatus.OPEN)
        rest = application.payment_requests.filter(status__in=OPEN_PAYMENT_STATUSES)
        if application.status == S.CLOSED:
            assert settlement.refund == settlement.remaining_payable == ZERO
            assert not claims.exists() and not rest.exists()
        elif settlement.refund:
            assert claims.get().amount == settlement.refund
        else:
            assert rest.get().amount == settlement.remaining_payable > ZERO
    for application in bench_applications().filter(status=S.REVOKED):
        balances = grant_balances(application)
        assert balances.approved == ZERO
        claims = RefundClaim.objects.filter(application=application, reason=RefundReason.REVOCATION)
        assert sum((c.amount for c in claims), ZERO) == balances.paid
        revoked = AuditEntry.objects.for_object(application).get(
            action="grants.application.revoked"
        )
        assert revoked.after["reasons"]


def test_reports_of_the_grants(seeded):
    soon = timezone.localdate() + timedelta(days=14)
    reports = Report.objects.filter(application__in=bench_applications())
    assert set(reports.values_list("kind", flat=True)) == {ReportKind.INTERIM, ReportKind.FINAL}
    assert len(set(reports.values_list("status", flat=True))) >= 3
    assert reports.filter(due_on__lte=soon).exists()
    assert reports.filter(due_on__gt=soon, status=ReportStatus.DRAFT).exists()
    finals = bench_applications().filter(status__in=[S.FINAL, S.SETTLED, S.CLOSED, S.REVOKED])
    for application in finals:
        assert application.reports.filter(kind=ReportKind.FINAL).count() == 1
    for report in reports.select_related("application"):
        assert report.application.status in GRANTED_STATUSES
        assert (report.submitted_at is None) == (report.status == ReportStatus.DRAFT)
        if report.submitted_at is not None:
            assert report.period_end < report.submitted_at.date()
            assert report_process_of(report) is not None
        if report.kind == ReportKind.FINAL and report.application.status == S.FINAL:
            assert report.status != ReportStatus.ACCEPTED


def test_audit_trail_of_decided_cases(seeded):
    decided = bench_applications().filter(decision__isnull=False)
    assert decided.exists()
    for application in decided:
        actions = set(case_history(application).values_list("action", flat=True))
        assert "grants.application.submitted" in actions
        assert any(a.startswith("grants.decision.") for a in actions), actions


def test_pages_answer(seeded, client):
    caseworker = staff_person(CASEWORKER)
    client.force_login(caseworker)
    response = client.get("/staff/antraege/")
    assert response.status_code == 200
    approved = (
        bench_applications()
        .filter(status__in=[ApplicationStatus.APPROVED, ApplicationStatus.FINAL])
        .annotate(requests=Count("payment_requests"))
        .order_by("-requests", "pk")
        .first()
    )
    response = client.get(reverse("antraege:case", kwargs={"pk": approved.pk}))
    assert response.status_code == 200
    assert approved.reference in response.content.decode()

    assert client.get(reverse("antraege:deadlines")).status_code == 200
    assert client.get(reverse("antraege:reports")).status_code == 200
    for status in (S.SETTLED, S.REVOKED):
        case = bench_applications().filter(status=status).first()
        response = client.get(reverse("antraege:case", kwargs={"pk": case.pk}))
        assert response.status_code == 200
        assert case.reference in response.content.decode()

    client.force_login(staff_person(FINANCE))
    assert client.get("/staff/finanzen/").status_code == 200
    client.force_login(staff_person(APPROVER))
    assert client.get("/staff/antraege/").status_code == 200

    admin = User.objects.get(pk=seeded.large_organisation_admin_id)
    client.force_login(admin)
    response = client.get("/portal/")
    assert response.status_code == 200
    newest = (
        bench_applications()
        .filter(organisation_id=seeded.large_organisation_id)
        .order_by("-created_at", "-pk")
        .first()
    )
    assert newest.title in response.content.decode()
