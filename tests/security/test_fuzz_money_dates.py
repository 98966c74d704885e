"""Every form that takes money or a date that reaches money, swept with the values that broke
a page or could (issue 14): days before 1900 and after 9999, an impossible day, nothing, huge,
negative and non-numbers, German and English number writing, random text.

Each form's test runs every case below once (explicit examples, fields taken in turn) and a few
random ones. Never a server error; a refusal changes nothing (no booking, no record, no audit
entry); and whatever a form accepted, no stored date leaves the bounds of core.dates."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from hypothesis import example, given, settings
from hypothesis import strategies as st
from viewflow.workflow.models import Process, Task

from budgeting.models import (
    BaseRate,
    BudgetAllocation,
    BudgetLine,
    LedgerEntry,
    LedgerEntryKind,
    PaymentRequest,
    RefundClaim,
    RefundReason,
    Repayment,
)
from budgeting.services.ledger import ledger_book
from budgeting.services.locks import lock_lines
from budgeting.services.refund import refund_claim_create
from core.dates import EARLIEST_DAY, LATEST_DAY
from core.models import AuditEntry
from core.roles import FINANCE
from grants.models import Application, ChangeRequest, Decision, FinancingType, GrantTerms, Receipt
from grants.services.report import reports_schedule
from tests.factories import UserFactory
from tests.grants.report_factories import FinalApplicationFactory
from tests.security.fuzz import FUZZ, TEXT, assert_answer, rolled_back
from tests.security.test_fuzz_application import indicator, page_data  # noqa: F401
from tests.security.test_fuzz_report import form_data as report_data
from tests.security.test_fuzz_staff_tasks import budget_check_url, decision_url  # noqa: F401
from tests.workflow.conftest import staff_member
from tests.workflow.grants import approved_grant
from tests.workflow.test_grant_lifecycle import take
from tests.workflow.test_payouts import payment_task, request_payment
from workflow.payout.flow import PayoutFlow as PAYOUT

pytestmark = pytest.mark.django_db

DAY_CASES = [
    "1900-01-01",
    "0001-01-01",
    "9999-12-31",
    "31.02.2026",
    "",
    "2100-01-01",
    "01.01.1900",
    "Infinity",
]
MONEY_CASES = [
    "",
    "1e20",
    "99999999999999.99",
    "-1",
    "NaN",
    "Infinity",
    "1e5",
    "1.234,56",
    "1,234.56",
    "2100",
    "zwölfhundert",
]
VALUES = st.one_of(st.sampled_from(DAY_CASES + MONEY_CASES), TEXT)
# The explicit cases always run; a few random values on top (the whole file stays well under
# a minute per database).
SWEEP = settings(FUZZ, max_examples=2)


def sweep(*, days=(), money=()):
    """@given(field, value) over the form's fields, with every case of DAY_CASES in a date
    field and every case of MONEY_CASES in a money field as explicit examples."""

    def decorate(test):
        wrapped = given(field=st.sampled_from([*days, *money]), value=VALUES)(test)
        for fields, cases in ((days, DAY_CASES), (money, MONEY_CASES)):
            for index, case in enumerate(cases if fields else ()):
                wrapped = example(field=fields[index % len(fields)], value=case)(wrapped)
        return SWEEP(wrapped)

    return decorate


BOUNDED = [
    (PaymentRequest, ["payout_date", "spend_by"]),
    (RefundClaim, ["interest_from", "due_on"]),
    (Repayment, ["received_on"]),
    (Application, ["project_start", "project_end"]),
    (ChangeRequest, ["new_project_start", "new_project_end"]),
    (Receipt, ["date"]),
    (BaseRate, ["valid_from"]),
]


def assert_dates_bounded(*, legacy=()):
    """No money date outside the bounds (but the rows a fixture stored on purpose)."""
    for model, fields in BOUNDED:
        outside = Q()
        for name in fields:
            outside |= Q(**{f"{name}__lt": EARLIEST_DAY}) | Q(**{f"{name}__gt": LATEST_DAY})
        rows = model.objects.filter(outside).exclude(
            pk__in=[o.pk for o in legacy if type(o) is model]
        )
        assert not rows.exists(), model.__name__
    years = BudgetLine.objects.exclude(year__range=(EARLIEST_DAY.year, LATEST_DAY.year))
    assert not years.exists()


def counts():
    models = (
        LedgerEntry,
        PaymentRequest,
        Repayment,
        RefundClaim,
        ChangeRequest,
        BudgetAllocation,
        Decision,
        Process,
        BaseRate,
        AuditEntry,
    )
    tasks = list(Task.objects.order_by("pk").values_list("status", flat=True))
    return [model.objects.count() for model in models], tasks


def posted(client, url, data, *, success=(302,), before=None, legacy=()):
    """Post; never a 500; anything but a success changes nothing; dates stay bounded."""
    before = before or counts()
    response = client.post(url, data)
    assert_answer(response)
    if response.status_code not in success:
        assert counts() == before
    assert_dates_bounded(legacy=legacy)
    return response


# --- the portal ------------------------------------------------------------------------------


@pytest.fixture
def unit_draft(draft):
    """A draft in a per-unit programme (Festbetrag je Kursstunde): it asks for units."""
    programme = draft.call.programme
    programme.financing_type = FinancingType.FIXED
    programme.funding_rate = None
    programme.unit_rate, programme.unit_name = Decimal("45.00"), "Kursstunde"
    programme.save()
    return draft


@sweep(
    days=["project_start", "project_end"],
    money=["requested_amount", "costs-0-amount", "funds-0-amount", "units_planned"],
)
def test_the_application_form(applicant_client, unit_draft, indicator, field, value):  # noqa: F811
    data = page_data(unit_draft, indicator, **{"units_planned": "200", field: value})
    with rolled_back():
        posted(
            applicant_client,
            reverse("portal:application_edit", args=[unit_draft.pk]),
            data,
            success=(302,),
        )


@pytest.fixture
def final_grant(client, draft, applicant, staff, budget_line):
    """8,000.00 € approved this year, the project starting today, final by the waiver."""
    today = timezone.localdate()
    draft.project_start = today
    draft.project_end = today + datetime.timedelta(days=300)
    draft.save(update_fields=["project_start", "project_end"])
    budget_line.year = today.year
    budget_line.save(update_fields=["year"])
    grant = approved_grant(draft, applicant, staff, [(budget_line, "8000.00")])
    client.force_login(applicant)
    client.post(reverse("portal:application_waiver", args=[grant.pk]), {"confirm": "on"})
    return grant


@sweep(money=["amount"])
def test_the_payment_request_form(client, final_grant, field, value):
    data = {"amount": "1.000,00", "purpose": "Honorare", "needed_within_two_months": "on"}
    with rolled_back():
        posted(
            client,
            reverse("portal:payment_request", args=[final_grant.pk]),
            {**data, field: value},
        )


@sweep(days=["new_project_start", "new_project_end"], money=["new_amount"])
def test_the_change_request_form(client, final_grant, field, value):
    data = {"reason": "Der Kurs beginnt später.", field: value}
    with rolled_back():
        posted(client, reverse("portal:change_request", args=[final_grant.pk]), data)


@pytest.fixture
def report(organisation, applicant, applicant_client):
    """The final report of a per-unit grant (45.00 € per Kursstunde, 200 planned)."""
    application = FinalApplicationFactory(
        organisation=organisation, created_by=applicant, terms=False
    )
    GrantTerms.objects.create(
        application=application,
        version=1,
        financing_type=FinancingType.FIXED,
        approved_amount=Decimal("9000.00"),
        eligible_costs=Decimal("9000.00"),
        unit_rate=Decimal("45.00"),
        unit_name="Kursstunde",
        units_planned=Decimal("200"),
    )
    return reports_schedule(application=application)[-1]


@sweep(
    days=["receipts-0-date"],
    money=["costs-amount_{fees}", "income-amount_{own}", "receipts-0-amount", "units_actual"],
)
def test_the_report_form(applicant_client, report, field, value):
    application = report.application
    fees = application.cost_lines.order_by("pk").first()
    own = application.financing_lines.order_by("pk").first()
    name = field.format(fees=fees.pk, own=own.pk)
    data = report_data(report, **{"units_actual": "180", name: value})
    with rolled_back():
        posted(applicant_client, reverse("portal:report_edit", args=[report.pk]), data)


# --- staff -----------------------------------------------------------------------------------


@sweep(money=["line"])
def test_the_budget_check_form(client, draft, budget_line, budget_check_url, field, value):  # noqa: F811
    with rolled_back():
        posted(client, budget_check_url, {f"line_{budget_line.pk}": value})


@sweep(money=["approved_amount"])
def test_the_decision_form(client, draft, decision_url, field, value):  # noqa: F811
    data = {"outcome": "partial", "approved_amount": value, "reasons": "Nur ein Teil."}
    with rolled_back():
        posted(client, decision_url, data)


@pytest.fixture
def release_url(client, final_grant, applicant, staff):
    """A payment request of 3,000.00 € signed twice; the releaser has taken the release."""
    client.force_login(applicant)
    request_payment(client, final_grant, "3.000,00", needed_within_two_months="on")
    request = PaymentRequest.objects.get()
    take(
        client,
        staff["caseworker"],
        PAYOUT.factual,
        payment_task(request, PAYOUT.factual),
        {"decision": "ok"},
    )
    take(
        client,
        staff["finance"],
        PAYOUT.arithmetic,
        payment_task(request, PAYOUT.arithmetic),
        {"decision": "ok"},
    )
    client.force_login(staff_member(FINANCE, first_name="Rita", last_name="Anordnung"))
    task = payment_task(request, PAYOUT.release)
    client.post(PAYOUT.release.reverse("assign", args=[task.process_id, task.pk]))
    return PAYOUT.release.reverse("execute", args=[task.process_id, task.pk])


@sweep(days=["payout_date"])
def test_the_release_form(client, release_url, field, value):
    with rolled_back():
        posted(client, release_url, {"decision": "ok", field: value})


@pytest.fixture(params=["2026-01-01", "1900-01-01"], ids=["covered", "before-the-bounds"])
def claim(request, client, final_grant, staff):
    """3,000.00 € paid out and claimed back, interest from 01.01.2026, or from 01.01.1900 as a
    payout day of 1900 stored it before the bounds existed (no Basiszinssatz covers it)."""
    line = BudgetLine.objects.get()
    ledger_book(
        line=lock_lines([line.pk])[line.pk],
        application=final_grant,
        kind=LedgerEntryKind.PAYOUT,
        amount=Decimal("3000.00"),
        user=staff["finance"],
        note="Auszahlung",
    )
    refund_claim_create(
        application=final_grant,
        user=staff["approver"],
        reason=RefundReason.REVOCATION,
        amount=Decimal("3000.00"),
        explanation="Das Projekt findet nicht statt.",
        interest_from=datetime.date(2026, 1, 1),
    )
    RefundClaim.objects.update(interest_from=datetime.date.fromisoformat(request.param))
    client.force_login(staff["finance"])
    return RefundClaim.objects.get()


@sweep(days=["received_on"], money=["amount"])
def test_the_repayment_form(client, claim, field, value):
    prefix = f"claim{claim.pk}"
    data = {f"{prefix}-amount": "100,00", f"{prefix}-received_on": "2026-12-01"}
    data[f"{prefix}-{field}"] = value
    with rolled_back():
        before = counts()
        posted(
            client,
            reverse("antraege:refund_repayment", args=[claim.pk]),
            data,
            before=before,
            legacy=[claim],
        )
        # The page redirects either way: a refusal (its message shown there) booked nothing.
        if Repayment.objects.count() == before[0][2]:
            assert counts() == before


@sweep(money=["reason"])
def test_the_refund_waiver_form(client, claim, field, value):
    with rolled_back():
        before = counts()
        posted(
            client,
            reverse("antraege:refund_waiver", args=[claim.pk]),
            {f"waive{claim.pk}-reason": value},
            before=before,
            legacy=[claim],
        )
        # 3,000.00 € is above the small-amount limit: never waived, whatever the reason
        assert RefundClaim.objects.get(pk=claim.pk).status == "open"
        assert counts() == before


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@sweep(money=["year", "appropriation", "blocked", "future_authorisation"])
def test_the_budget_line_admin_form(admin_client, budget_line, field, value):
    data = {
        "year": str(budget_line.year),
        "programme": budget_line.programme_id,
        "source": budget_line.source_id,
        "produkt": budget_line.produkt,
        "kostenstelle": budget_line.kostenstelle,
        "sachkonto": budget_line.sachkonto,
        "appropriation": "50000.00",
        "blocked": "0",
        "future_authorisation": "0",
        field: value,
    }
    url = reverse("admin:budgeting_budgetline_change", args=[budget_line.pk])
    with rolled_back():
        before = BudgetLine.objects.values().get(pk=budget_line.pk)
        response = posted(admin_client, url, data)
        if response.status_code != 302:
            assert BudgetLine.objects.values().get(pk=budget_line.pk) == before


@sweep(days=["valid_from"], money=["rate"])
def test_the_base_rate_admin_form(admin_client, field, value):
    data = {"valid_from": "2027-01-01", "rate": "1.27", "source": "Bundesbank", field: value}
    with rolled_back():
        posted(admin_client, reverse("admin:budgeting_baserate_add"), data)
