"""The report asks for the value each indicator reached, refuses submission without them and
computes the status."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from grants.models import IndicatorStatus, IndicatorUnit, ReportKind, ReportStatus
from grants.services.indicator_actuals import IndicatorValue
from grants.services.report import report_save_draft
from tests.grants.indicator_factories import (
    ApplicationIndicatorFactory,
    IndicatorActualFactory,
    IndicatorFactory,
)
from tests.grants.report_factories import ReportFactory, fill_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(organisation, applicant):
    report = ReportFactory(
        application__organisation=organisation, application__created_by=applicant
    )
    return fill_report(report, receipts=1)


@pytest.fixture
def indicators(report):
    """A mandatory and an optional catalogue indicator and an own one, with baseline and target."""
    application = report.application
    programme = application.call.programme
    termine = IndicatorFactory(
        programme=programme, code="TERMINE", name="Durchgeführte Termine", step=1, mandatory=True
    )
    quote = IndicatorFactory(
        programme=programme,
        code="QUOTE",
        name="Teilnahmequote",
        step=3,
        unit=IndicatorUnit.PERCENT,
        aggregation="rate",
    )
    return [
        ApplicationIndicatorFactory(
            application=application, indicator=termine, baseline="0", target="20", position=1
        ),
        ApplicationIndicatorFactory(
            application=application, indicator=quote, baseline="40", target="80", position=2
        ),
        ApplicationIndicatorFactory(
            application=application,
            indicator=None,
            own_name="Frauen, die allein zum Arzt gehen können",
            own_unit=IndicatorUnit.COUNT,
            own_direction="increase",
            baseline="3",
            target="15",
            position=3,
        ),
    ]


def form_data(report, values=("", "", ""), comments=("", "", ""), **extra) -> dict:
    """The whole report form as the browser posts it: actuals as filled in, one receipt."""
    application = report.application
    data = {
        "work_done": report.work_done,
        "what_worked": report.what_worked,
        "what_did_not": report.what_did_not,
        "receipts-TOTAL_FORMS": "1",
        "receipts-INITIAL_FORMS": "0",
    }
    for line in application.cost_lines.all():
        data[f"costs-amount_{line.pk}"] = str(line.amount).replace(".", ",")
    for line in application.financing_lines.all():
        data[f"income-amount_{line.pk}"] = str(line.amount).replace(".", ",")
    receipt = report.receipts.get()
    data.update(
        {
            "receipts-0-number": "1",
            "receipts-0-date": receipt.date.isoformat(),
            "receipts-0-payee": receipt.payee,
            "receipts-0-purpose": receipt.purpose,
            "receipts-0-amount": str(receipt.amount).replace(".", ","),
        }
    )
    for indicator, value, comment in zip(
        application.indicators.order_by("position"), values, comments, strict=True
    ):
        data[f"indicators-value_{indicator.pk}"] = value
        data[f"indicators-comment_{indicator.pk}"] = comment
    data.update(extra)
    return data


def test_the_report_asks_for_three_values_refuses_without_them_and_computes_statuses(
    applicant_client, report, indicators
):
    edit = reverse("portal:report_edit", args=[report.pk])
    submit = reverse("portal:report_submit", args=[report.pk])
    page = applicant_client.get(edit).content.decode()
    assert page.count("Erreichter Wert") == 3
    assert "Frauen, die allein zum Arzt gehen können" in page
    assert "Ausgangswert 40\N{NO-BREAK SPACE}%, Zielwert 80\N{NO-BREAK SPACE}%" in page

    response = applicant_client.post(submit, form_data(report))
    assert response.status_code == 400
    page = response.content.decode()
    for indicator in indicators:
        assert f"Bitte tragen Sie den erreichten Wert für „{indicator.name}“ ein." in page
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT

    values = ("20", "73", "5")
    comments = ("", "Im Sommer kamen weniger.", "Die Ärztin spricht nur Deutsch.")
    response = applicant_client.post(submit, form_data(report, values, comments))
    assert response.status_code == 302, response.content.decode()[:2000]
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    actuals = list(report.indicator_actuals.order_by("application_indicator__position"))
    # Final report (progress 1): 20 of 20; (73 − 40) / (80 − 40) = 0.825; (5 − 3) / 12 ≈ 0.17.
    assert [(a.value, a.status) for a in actuals] == [
        (Decimal("20.00"), IndicatorStatus.ON_TRACK),
        (Decimal("73.00"), IndicatorStatus.AT_RISK),
        (Decimal("5.00"), IndicatorStatus.MISSED),
    ]
    assert actuals[1].comment == "Im Sommer kamen weniger."
    submitted = AuditEntry.objects.for_object(report).get(action="grants.report.submitted")
    assert [row["status"] for row in submitted.after["indicators"]] == [
        "on_track",
        "at_risk",
        "missed",
    ]

    page = applicant_client.get(reverse("portal:report_detail", args=[report.pk])).content.decode()
    for text in ("im Plan", "gefährdet", "verfehlt", "73\N{NO-BREAK SPACE}%", "Ärztin"):
        assert text in page


def test_german_numbers_are_read_and_a_long_comment_is_refused(
    applicant_client, report, indicators
):
    edit = reverse("portal:report_edit", args=[report.pk])
    response = applicant_client.post(
        edit, form_data(report, ("1.200", "72,5", "4"), ("x" * 501, "", ""))
    )
    assert response.status_code == 400
    assert "höchstens 500 Zeichen" in response.content.decode()
    assert not report.indicator_actuals.exists()
    response = applicant_client.post(edit, form_data(report, ("1.200", "72,5", "4")))
    assert response.status_code == 302
    values = sorted(report.indicator_actuals.values_list("value", flat=True))
    assert values == [Decimal("4.00"), Decimal("72.50"), Decimal("1200.00")]


def test_an_interim_report_is_measured_against_the_elapsed_share_of_the_project(
    applicant, organisation
):
    start = timezone.localdate() + datetime.timedelta(days=1)
    report = ReportFactory(
        application__organisation=organisation,
        application__created_by=applicant,
        application__project_start=start,
        application__project_end=start + datetime.timedelta(days=99),
        kind=ReportKind.INTERIM,
        period_end=start + datetime.timedelta(days=49),
    )
    indicator = ApplicationIndicatorFactory(
        application=report.application, baseline="0", target="40"
    )
    report_save_draft(
        report=report,
        user=applicant,
        data={},
        cost_actuals={},
        income_actuals={},
        receipts=None,
        indicator_values={indicator.pk: IndicatorValue(value=Decimal("20"))},
    )
    # Half the time has passed: 20 of 40 is on track, where a final report would miss it.
    assert report.indicator_actuals.get().status == IndicatorStatus.ON_TRACK


def test_a_changed_value_loses_its_earlier_confirmation(
    applicant, report, indicators, django_user_model
):
    checker = django_user_model.objects.create(email="pruefer@example.org")
    actual = IndicatorActualFactory(
        report=report,
        application_indicator=indicators[0],
        value="20",
        confirmed_by=checker,
        confirmed_at=timezone.now(),
    )
    report.status = ReportStatus.REVISION_REQUESTED
    report.save()

    def save(value):
        report_save_draft(
            report=report,
            user=applicant,
            data={},
            cost_actuals={},
            income_actuals={},
            receipts=None,
            indicator_values={indicators[0].pk: IndicatorValue(value=Decimal(value))},
        )
        actual.refresh_from_db()

    save("20")
    assert actual.confirmed_by == checker
    save("18")
    assert (actual.confirmed_by, actual.confirmed_at, actual.status) == (
        None,
        None,
        IndicatorStatus.AT_RISK,
    )


def test_another_organisations_applicant_gets_404_on_the_report_pages(
    client, other_applicant, report, indicators
):
    client.force_login(other_applicant)
    for name in ("portal:report_edit", "portal:report_detail"):
        assert client.get(reverse(name, args=[report.pk])).status_code == 404
    response = client.post(reverse("portal:report_edit", args=[report.pk]), form_data(report))
    assert response.status_code == 404


def test_a_submitted_report_keeps_its_values(applicant_client, report, indicators):
    IndicatorActualFactory(report=report, application_indicator=indicators[0], value="20")
    report.status = ReportStatus.SUBMITTED
    report.save()
    edit = reverse("portal:report_edit", args=[report.pk])
    response = applicant_client.post(edit, form_data(report, ("1", "1", "1")))
    assert response.status_code == 403
    assert list(report.indicator_actuals.values_list("value", flat=True)) == [Decimal("20.00")]
