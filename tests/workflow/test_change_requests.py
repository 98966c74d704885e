"""Änderungsantrag → Änderungsbescheid: the applicant asks, Sachbearbeitung checks, Bewilligung
decides; the commitment follows the new amount and a new notice version is issued."""

import datetime
import io
import threading
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from applicants.models import Membership
from budgeting.balances import grant_balances
from budgeting.errors import InsufficientFunds
from budgeting.models import BudgetLine, LedgerEntry, LedgerEntryKind
from budgeting.selectors import budget_lines_with_amounts
from budgeting.services import budget_commit
from budgeting.services.adjust import budget_adjust
from budgeting.services.ledger import ledger_book
from core.models import AuditEntry
from core.roles import APPROVER, CASEWORKER
from grants.models import ApplicationStatus, ChangeRequest, ChangeRequestStatus, Notice, NoticeKind
from grants.services.finality import waiver_declare
from tests.budgeting.factories import BudgetAllocationFactory, BudgetLineFactory
from tests.factories import ApplicationFactory, CallFactory, UserFactory
from tests.workflow.conftest import staff_member
from tests.workflow.grants import approved_grant
from workflow.change.flow import ChangeFlow as CHANGE
from workflow.models import ChangeProcess

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


@pytest.fixture
def second_line(budget_line):
    """A Land NRW line of the same programme and year, so the grant spans two lines (with a VE
    as the city line, for the year before)."""
    return BudgetLine.objects.create(
        year=budget_line.year,
        programme=budget_line.programme,
        source=budget_line.source.__class__.objects.create(name="Land NRW", kind="land"),
        produkt="1.05.02.02",
        kostenstelle="20521",
        sachkonto="531810",
        appropriation=Decimal("10000.00"),
        future_authorisation=Decimal("10000.00"),
    )


@pytest.fixture
def grant(draft, applicant, staff, budget_line, second_line):
    """8,000.00 € approved (5,000.00 city, 3,000.00 Land) and final by the waiver."""
    application = approved_grant(
        draft, applicant, staff, [(budget_line, "5000.00"), (second_line, "3000.00")]
    )
    return waiver_declare(application=application, user=applicant)


def ask(client, applicant, application, **data):
    client.force_login(applicant)
    data.setdefault("reason", "Das Sprachcafé läuft länger; wir brauchen eine zweite Kursleitung.")
    return client.post(reverse("portal:change_request", args=[application.pk]), data)


def process_of_change(change) -> ChangeProcess:
    return ChangeProcess.objects.get(
        artifact_content_type=ContentType.objects.get_for_model(ChangeRequest),
        artifact_object_id=change.pk,
    )


def change_task(change, node):
    return process_of_change(change).task_set.get(flow_task=node, status__in=["NEW", "ASSIGNED"])


def act(client, user, change, node, data):
    """Take the task from the queue and submit its form."""
    client.force_login(user)
    task = change_task(change, node)
    response = client.post(node.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(node.reverse("execute", args=[task.process_id, task.pk]))
    assert page.status_code == 200
    assert change.reason in page.content.decode()  # the task shows the request beside the form
    return client.post(node.reverse("execute", args=[task.process_id, task.pk]), data)


def recommend(client, staff, change):
    response = act(
        client,
        staff["caseworker"],
        change,
        CHANGE.check,
        {"result": "recommend", "opinion": "Nachvollziehbar begründet."},
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def notice_text(notice) -> str:
    with notice.file.open("rb") as pdf:
        return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read())).pages)


def committed_by_line(application) -> dict[int, Decimal]:
    result: dict[int, Decimal] = {}
    for entry in LedgerEntry.objects.filter(application=application):
        sign = {LedgerEntryKind.COMMITMENT: 1, LedgerEntryKind.RELEASE: -1}.get(entry.kind, 0)
        result[entry.budget_line_id] = result.get(entry.budget_line_id, 0) + sign * entry.amount
    return result


def test_more_money_and_a_later_end_lead_to_an_aenderungsbescheid(
    client, applicant, grant, staff, budget_line, second_line
):
    new_end = grant.project_end + datetime.timedelta(days=60)
    client.force_login(applicant)
    page = client.get(reverse("portal:change_request", args=[grant.pk])).content.decode()
    assert "8.000,00" in page and grant.project_end.strftime("%d.%m.%Y") in page

    response = ask(
        client, applicant, grant, new_project_end=new_end.isoformat(), new_amount="9.000,00"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    change = ChangeRequest.objects.get()
    assert (change.status, change.new_amount, change.new_project_end) == (
        ChangeRequestStatus.REQUESTED,
        Decimal("9000.00"),
        new_end,
    )

    recommend(client, staff, change)
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.RECOMMENDED
    assert change.checked_by == staff["caseworker"]

    response = act(client, staff["approver"], change, CHANGE.decide, {"outcome": "approve"})
    assert response.status_code == 302, response.content.decode()[:3000]

    change.refresh_from_db()
    grant.refresh_from_db()
    assert change.status == ChangeRequestStatus.APPROVED
    assert change.decided_by == staff["approver"]
    assert change.version_issued == 2
    assert grant.project_end == new_end
    assert grant.status == "final"  # a change never moves the grant's status

    # +1,000.00 pro rata over the planned 5,000 : 3,000 → 625.00 + 375.00
    entries = LedgerEntry.objects.filter(application=grant, note="Änderungsbescheid")
    assert sorted((e.budget_line_id, e.kind, e.amount) for e in entries) == sorted(
        [
            (budget_line.pk, "commitment", Decimal("625.00")),
            (second_line.pk, "commitment", Decimal("375.00")),
        ]
    )
    assert grant_balances(grant).approved == Decimal("9000.00")
    assert committed_by_line(grant) == {
        budget_line.pk: Decimal("5625.00"),
        second_line.pk: Decimal("3375.00"),
    }

    notice = Notice.objects.get(application=grant, kind=NoticeKind.APPROVAL, version=2)
    text = notice_text(notice)
    assert "Änderungsbescheid" in text and "Version 2" in text
    assert "9.000,00" in text
    assert new_end.strftime("%d.%m.%Y") in text
    assert process_of_change(change).status == "DONE"

    actions = set(
        AuditEntry.objects.filter(action__startswith="grants.change.").values_list(
            "action", flat=True
        )
    )
    assert {
        "grants.change.requested",
        "grants.change.recommended",
        "grants.change.approved",
    } <= actions


def test_a_reduction_releases_the_difference_pro_rata(
    client, applicant, grant, staff, budget_line, second_line
):
    response = ask(client, applicant, grant, new_amount="6.000,00")
    assert response.status_code == 302, response.content.decode()[:3000]
    change = ChangeRequest.objects.get()
    recommend(client, staff, change)
    response = act(client, staff["approver"], change, CHANGE.decide, {"outcome": "approve"})
    assert response.status_code == 302, response.content.decode()[:3000]

    releases = LedgerEntry.objects.filter(application=grant, kind=LedgerEntryKind.RELEASE)
    assert sorted((e.budget_line_id, e.amount) for e in releases) == [
        (budget_line.pk, Decimal("1250.00")),
        (second_line.pk, Decimal("750.00")),
    ]
    assert grant_balances(grant).approved == Decimal("6000.00")
    notice = Notice.objects.get(application=grant, version=2)
    assert "6.000,00" in notice_text(notice)


def test_only_a_new_period_keeps_the_amount_and_states_the_current_one(
    client, applicant, grant, staff
):
    new_start = grant.project_start + datetime.timedelta(days=14)
    ask(client, applicant, grant, new_project_start=new_start.isoformat())
    change = ChangeRequest.objects.get()
    recommend(client, staff, change)
    act(client, staff["approver"], change, CHANGE.decide, {"outcome": "approve"})
    grant.refresh_from_db()
    assert grant.project_start == new_start
    assert not LedgerEntry.objects.filter(application=grant, note="Änderungsbescheid").exists()
    text = notice_text(Notice.objects.get(application=grant, version=2))
    assert "8.000,00" in text and new_start.strftime("%d.%m.%Y") in text


def test_more_than_the_free_funds_books_nothing_and_the_task_stays_open(
    client, applicant, grant, staff, budget_line
):
    ask(
        client,
        applicant,
        grant,
        new_amount="9.000,00",
        new_project_end=(grant.project_end + datetime.timedelta(days=30)).isoformat(),
    )
    change = ChangeRequest.objects.get()
    recommend(client, staff, change)
    budget_line.appropriation = Decimal("5500.00")  # 500.00 free, 625.00 needed
    budget_line.save()
    entries_before = LedgerEntry.objects.count()
    end_before = grant.project_end

    response = act(client, staff["approver"], change, CHANGE.decide, {"outcome": "approve"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "fehlen 125,00" in page
    assert LedgerEntry.objects.count() == entries_before
    assert not Notice.objects.filter(application=grant, version=2).exists()
    change.refresh_from_db()
    grant.refresh_from_db()
    assert change.status == ChangeRequestStatus.RECOMMENDED
    assert change.version_issued is None
    assert grant.project_end == end_before
    assert change_task(change, CHANGE.decide).owner == staff["approver"]
    assert not AuditEntry.objects.filter(action="grants.change.approved").exists()


def test_the_checker_cannot_also_decide(client, applicant, grant, staff):
    both = staff_member(CASEWORKER)
    both.groups.add(*staff["approver"].groups.all())
    ask(client, applicant, grant, new_amount="8.500,00")
    change = ChangeRequest.objects.get()
    response = act(client, both, change, CHANGE.check, {"result": "recommend"})
    assert response.status_code == 302
    task = change_task(change, CHANGE.decide)
    response = client.post(CHANGE.decide.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    assert "geprüft und dürfen nicht über ihn entscheiden" in response.content.decode()
    response = client.post(CHANGE.decide.reverse("execute", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.RECOMMENDED


def test_a_member_of_the_organisation_can_take_neither_task(
    client, applicant, grant, staff, organisation
):
    insider = staff_member(CASEWORKER)
    insider.groups.add(*staff["approver"].groups.all())
    Membership.objects.create(user=insider, organisation=organisation)
    ask(client, applicant, grant, new_amount="8.500,00")
    change = ChangeRequest.objects.get()

    client.force_login(insider)
    task = change_task(change, CHANGE.check)
    response = client.post(CHANGE.check.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    assert "antragstellenden Organisation" in response.content.decode()

    recommend(client, staff, change)
    client.force_login(insider)
    task = change_task(change, CHANGE.decide)
    response = client.post(CHANGE.decide.reverse("assign", args=[task.process_id, task.pk]))
    assert response.status_code == 403
    assert "antragstellenden Organisation" in response.content.decode()


def test_another_organisation_gets_404(client, other_applicant, grant):
    client.force_login(other_applicant)
    url = reverse("portal:change_request", args=[grant.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"reason": "Fremd.", "new_amount": "9.000,00"})
    assert response.status_code == 404
    assert not ChangeRequest.objects.exists()


def test_the_caseworker_rejects_with_a_reason_and_nothing_changes(client, applicant, grant, staff):
    ask(client, applicant, grant, new_amount="12.000,00")
    change = ChangeRequest.objects.get()
    response = act(client, staff["caseworker"], change, CHANGE.check, {"result": "reject"})
    assert response.status_code == 200
    assert "Bitte begründen Sie die Ablehnung" in response.content.decode()
    task = change_task(change, CHANGE.check)
    response = client.post(
        CHANGE.check.reverse("execute", args=[task.process_id, task.pk]),
        {"result": "reject", "opinion": "Die Mehrkosten sind nicht belegt."},
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.REJECTED
    assert change.decision_reasons == "Die Mehrkosten sind nicht belegt."
    assert process_of_change(change).status == "DONE"
    assert grant_balances(grant).approved == Decimal("8000.00")
    assert not Notice.objects.filter(application=grant, version=2).exists()

    client.force_login(applicant)
    page = client.get(reverse("portal:change_request", args=[grant.pk])).content.decode()
    assert "Die Mehrkosten sind nicht belegt." in page


def test_the_approver_rejects_only_with_reasons(client, applicant, grant, staff):
    ask(client, applicant, grant, new_amount="9.000,00")
    change = ChangeRequest.objects.get()
    recommend(client, staff, change)
    response = act(client, staff["approver"], change, CHANGE.decide, {"outcome": "reject"})
    assert response.status_code == 200
    assert "Bitte begründen Sie die Ablehnung." in response.content.decode()
    task = change_task(change, CHANGE.decide)
    response = client.post(
        CHANGE.decide.reverse("execute", args=[task.process_id, task.pk]),
        {"outcome": "reject", "reasons": "Der Haushalt lässt keine Erhöhung zu."},
    )
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.REJECTED
    assert not LedgerEntry.objects.filter(note="Änderungsbescheid").exists()


def test_the_portal_refuses_invalid_requests_and_a_second_open_one(client, applicant, grant):
    response = ask(client, applicant, grant)
    assert response.status_code == 400
    assert "mindestens eine Änderung" in response.content.decode()
    late = grant.call.project_end_latest + datetime.timedelta(days=1)
    response = ask(client, applicant, grant, new_project_end=late.isoformat())
    assert "spätestens am" in response.content.decode()
    response = ask(client, applicant, grant, new_amount="15.000,01")
    assert "höchstens 15.000,00" in response.content.decode()
    response = ask(client, applicant, grant, new_amount="0,00")
    assert "größer als 0,00" in response.content.decode()
    assert not ChangeRequest.objects.exists()

    assert ask(client, applicant, grant, new_amount="8.500,00").status_code == 302
    page = client.get(reverse("portal:change_request", args=[grant.pk])).content.decode()
    assert "noch nicht entschieden" in page
    assert ask(client, applicant, grant, new_amount="8.600,00").status_code == 400
    assert ChangeRequest.objects.count() == 1


def test_the_commitment_never_drops_below_what_was_paid(grant, staff, budget_line):
    ledger_book(
        line=BudgetLine.objects.with_amounts().get(pk=budget_line.pk),
        application=grant,
        kind=LedgerEntryKind.PAYOUT,
        amount=Decimal("4000.00"),
        user=staff["approver"],
        note="Auszahlung",
    )
    with pytest.raises(ValidationError, match="bereits ausgezahlten"):
        budget_adjust(application=grant, new_amount=Decimal("3999.99"), user=staff["approver"])
    entries = budget_adjust(
        application=grant, new_amount=Decimal("4000.00"), user=staff["approver"]
    )
    assert sum(e.amount for e in entries) == Decimal("4000.00")
    assert grant_balances(grant).approved == Decimal("4000.00")
    assert (
        budget_adjust(application=grant, new_amount=Decimal("4000.00"), user=staff["approver"])
        == []
    )


def test_the_decision_roles_see_the_change_flow(staff):
    for role in (CASEWORKER, APPROVER):
        user = staff_member(role)
        assert CHANGE.instance.has_view_permission(user)
    assert not CHANGE.instance.has_view_permission(staff["finance"])


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Zeilensperren gibt es nur auf PostgreSQL."
)
def test_ten_concurrent_increases_never_over_commit_a_line():
    """Rule 2 for Änderungsbescheide: 5,000.00 free, ten grants each want 1,000.00 more."""
    call = CallFactory()
    line = BudgetLineFactory(programme=call.programme, appropriation=Decimal("10000.00"))
    user = UserFactory()
    grants = []
    for _ in range(10):
        application = ApplicationFactory(call=call, status=ApplicationStatus.FINAL)
        BudgetAllocationFactory(
            application=application, budget_line=line, amount=Decimal("500.00"), planned_by=user
        )
        budget_commit(application=application, amount=Decimal("500.00"), user=user)
        grants.append(application)
    barrier = threading.Barrier(len(grants), timeout=30)
    results: list[str] = []
    lock = threading.Lock()

    def increase(application):
        try:
            barrier.wait()
            budget_adjust(application=application, new_amount=Decimal("1500.00"), user=user)
            outcome = "adjusted"
        except InsufficientFunds:
            outcome = "refused"
        except Exception as error:  # reported by the assertion, not lost in the thread
            outcome = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=increase, args=(g,)) for g in grants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(results) == ["adjusted"] * 5 + ["refused"] * 5
    assert budget_lines_with_amounts().get(pk=line.pk).free == Decimal("0.00")
