"""Festbetrag je Einheit end to end (DOMAIN.md, per-unit paragraph): the programme's rate, the
planned units in the application, rate, units and cap fixed by the decision and printed in
the notice, the units delivered in the final report, and Z = min(H, rate × units_act)."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from budgeting.services.settlement import settlement_input
from grants.forms import ApplicationForm
from grants.models import (
    Application,
    ApplicationStatus,
    CostLine,
    DecisionOutcome,
    FinancingType,
    NoticeKind,
)
from grants.reports.forms import ReportForm
from grants.reports.rules import report_totals
from grants.rules import submission_errors
from grants.services.case import decision_record
from grants.services.errors import ReportRejected
from grants.services.notice import notice_issue
from grants.services.report import report_save_draft, report_submit
from grants.settlement import settle
from grants.terms import terms_in_force
from tests.factories import ApplicationFactory, CallFactory, ProgrammeFactory, UserFactory
from tests.grants.report_factories import ReportFactory, fill_report

pytestmark = pytest.mark.django_db


def plain(text: str) -> str:
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


@pytest.fixture
def per_unit_programme(db):
    """25.00 € per course hour (Kursstunde)."""
    return ProgrammeFactory(
        financing_type=FinancingType.FIXED,
        funding_rate=None,
        unit_rate=Decimal("25.00"),
        unit_name="Kursstunde",
    )


@pytest.fixture
def application(per_unit_programme, organisation, applicant):
    """200 course hours planned: 5,000.00 € requested, the whole cost plan."""
    application = ApplicationFactory(
        organisation=organisation,
        created_by=applicant,
        call=CallFactory(programme=per_unit_programme),
        requested_amount=Decimal("5000.00"),
        units_planned=Decimal("200"),
        plan=False,
    )
    CostLine.objects.create(
        application=application, category="honorare", description="Kursleitung", amount="4500.00"
    )
    CostLine.objects.create(
        application=application, category="sachkosten", description="Material", amount="500.00"
    )
    return application


def decided(application, officer, **kwargs) -> Application:
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.AWAITING_DECISION, reference="ZI-2026-0077"
    )
    application.refresh_from_db()
    decision_record(
        application=application,
        user=officer,
        outcome=kwargs.pop("outcome", DecisionOutcome.APPROVED),
        approved_amount=kwargs.pop("approved_amount", None),
        reasons=kwargs.pop("reasons", ""),
    )
    application.refresh_from_db()
    return application


def ended_and_final(application) -> Application:
    """The project ended a month ago and the notice is final: the report is owed."""
    today = timezone.localdate()
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.FINAL,
        project_start=today - datetime.timedelta(days=300),
        project_end=today - datetime.timedelta(days=30),
    )
    application.refresh_from_db()
    return application


def test_the_requested_amount_must_be_rate_times_planned_units(application):
    today = timezone.localdate()
    assert "requested_amount" not in submission_errors(application, today=today)
    assert "units_planned" not in submission_errors(application, today=today)

    application.requested_amount = Decimal("4000.00")
    errors = submission_errors(application, today=today)

    assert [plain(m) for m in errors["requested_amount"]] == [
        "Die beantragte Förderung ist der Festbetrag je Einheit mal die geplanten Einheiten: "
        "25,00 € × 200 Kursstunde = 5.000,00 €."
    ]


def test_the_planned_units_are_required(application):
    application.units_planned = None

    errors = submission_errors(application, today=timezone.localdate())

    assert errors["units_planned"] == [
        "Bitte geben Sie an, wie viele Einheiten (Kursstunde) Sie planen."
    ]


def test_the_portal_form_asks_for_units_only_when_the_programme_pays_per_unit(application):
    form = ApplicationForm(instance=application)
    assert form.fields["units_planned"].label == "geplante Einheiten (Kursstunde)"
    assert "25,00" in form.fields["units_planned"].help_text

    share = ApplicationFactory()
    assert "units_planned" not in ApplicationForm(instance=share).fields


def test_the_decision_fixes_rate_units_and_cap_and_the_notice_prints_them(application):
    officer = UserFactory()
    application = decided(application, officer)

    terms = terms_in_force(application)
    assert (terms.financing_type, terms.unit_rate, terms.unit_name) == (
        FinancingType.FIXED,
        Decimal("25.00"),
        "Kursstunde",
    )
    assert (terms.units_planned, terms.approved_amount) == (Decimal("200"), Decimal("5000.00"))
    notice = notice_issue(application=application, kind=NoticeKind.APPROVAL, user=officer)
    with notice.file.open("rb") as handle:
        text = plain(
            "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(handle.read())).pages)
        )
    assert "Satz je Einheit 25,00 € je Kursstunde" in text
    assert "geplante Einheiten 200" in text
    assert "Höchstbetrag (Satz × Einheiten) 5.000,00 €" in text
    assert "Festbetrag von 25,00 € je Kursstunde" in text


def test_a_full_approval_above_rate_times_units_is_refused(application):
    """The units were lowered after the submission: 25.00 € × 150 = 3,750.00 €."""
    Application.objects.filter(pk=application.pk).update(units_planned=Decimal("150"))
    application.refresh_from_db()

    with pytest.raises(ValidationError) as refusal:
        decided(application, UserFactory())

    [message] = refusal.value.message_dict["outcome"]
    assert plain(message) == (
        "Der beantragte Betrag von 5.000,00 € übersteigt den zulässigen Höchstbetrag von "
        "3.750,00 € (25,00 € je Kursstunde × 150 geplante Einheiten). Bitte bewilligen Sie in "
        "Teilen, höchstens 3.750,00 €."
    )


def test_the_final_report_needs_the_units_delivered_and_settles_rate_times_units(
    application, applicant
):
    """Rate 25.00 €, 200 hours planned, H = 5,000.00; 180 hours delivered: Z = 4,500.00."""
    application = ended_and_final(decided(application, UserFactory()))
    report = fill_report(ReportFactory(application=application))
    assert "units_actual" in ReportForm(instance=report).fields

    with pytest.raises(ReportRejected) as refusal:
        report_submit(report=report, user=applicant)
    assert refusal.value.errors["units_actual"] == [
        "Bitte geben Sie an, wie viele Einheiten (Kursstunde) erbracht wurden."
    ]

    report = report_save_draft(
        report=report,
        user=applicant,
        data={"units_actual": Decimal("180")},
        cost_actuals={line.pk: line.amount for line in application.cost_lines.all()},
        income_actuals={},
        receipts=None,
    )
    report = report_submit(report=report, user=applicant)
    assert report.units_actual == Decimal("180.00")

    # A later change of the programme's rate does not change the grant's terms.
    programme = application.call.programme
    programme.unit_rate = Decimal("30.00")
    programme.save()
    result = settle(
        settlement_input(
            application,
            report_totals(report),
            approved=Decimal("5000.00"),
            paid=Decimal("5000.00"),
        )
    )
    assert (result.final_grant, result.refund) == (Decimal("4500.00"), Decimal("500.00"))
    assert [s.amount for s in result.steps if s.expression == "Einheiten_ist"] == [
        Decimal("180.00")
    ]


def test_more_units_than_planned_stay_capped_at_the_approved_amount(application, applicant):
    application = ended_and_final(decided(application, UserFactory()))
    report = fill_report(ReportFactory(application=application))
    report.units_actual = Decimal("240")
    report.save()

    result = settle(
        settlement_input(
            application,
            report_totals(report),
            approved=Decimal("5000.00"),
            paid=Decimal("5000.00"),
        )
    )

    assert result.final_grant == Decimal("5000.00")


def test_a_report_of_a_grant_without_a_unit_rate_asks_for_no_units():
    report = ReportFactory()
    assert "units_actual" not in ReportForm(instance=report).fields
