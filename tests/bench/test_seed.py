"""The bulk seeding of the scale benchmarks (bench/seed.py): spread, valid plans, pages render."""

from collections import Counter

import pytest
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from applicants.models import Membership, Organisation
from bench.seeding.bulk import seed
from budgeting.models import BudgetLine, LedgerEntry, LedgerEntryKind
from core.models import User
from core.money import ZERO
from core.roles import APPROVER, CASEWORKER, FINANCE
from grants.models import Application, ApplicationStatus, Decision
from tests.core.login_helpers import staff_person
from workflow.selectors import process_of

N = 60
pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    return seed(N, random_seed=3)


def bench_applications():
    return Application.objects.filter(organisation__contact_email__endswith="bench.foerdertal.de")


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
    granted = bench_applications().filter(
        status__in=[ApplicationStatus.APPROVED, ApplicationStatus.FINAL]
    )
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
        assert process.task_set.filter(status="NEW", flow_task_type="HUMAN").exists()


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
