"""Factories of reports: a final grant owes a Verwendungsnachweis."""

import datetime
from decimal import Decimal

import factory
from dateutil.relativedelta import relativedelta

from grants.models import (
    ApplicationStatus,
    CostActual,
    FinancingType,
    GrantTerms,
    IncomeActual,
    Receipt,
    Report,
    ReportKind,
)
from tests.factories import ApplicationFactory, today


class FinalApplicationFactory(ApplicationFactory):
    """A grant whose notice is final (bestandskräftig): the state in which reports are owed."""

    status = ApplicationStatus.FINAL
    reference = factory.Sequence(lambda n: f"ZI-2026-{n + 1:04d}")

    @factory.post_generation
    def terms(obj, create, extracted, **kwargs):
        """The terms its notice fixed: the programme's, on the whole plan, in full."""
        if create and extracted is not False:
            grant_terms_for(obj)


def grant_terms_for(application) -> GrantTerms:
    """Version 1 of the terms as an approval in full fixes them today."""
    programme = application.call.programme
    return GrantTerms.objects.create(
        application=application,
        version=1,
        financing_type=programme.financing_type,
        funding_rate=programme.funding_rate
        if programme.financing_type == FinancingType.SHARE
        else None,
        approved_amount=application.requested_amount,
        eligible_costs=application.cost_total,
        unit_rate=programme.unit_rate,
        unit_name=programme.unit_name,
        units_planned=application.units_planned,
    )


class ReportFactory(factory.django.DjangoModelFactory):
    """The Verwendungsnachweis of a final grant, still empty."""

    class Meta:
        model = Report

    # A project that has ended: its receipts (dated by fill_report) lie in the past.
    application = factory.SubFactory(
        FinalApplicationFactory,
        project_start=factory.LazyFunction(lambda: today() - datetime.timedelta(days=300)),
        project_end=factory.LazyFunction(lambda: today() - datetime.timedelta(days=30)),
    )
    kind = ReportKind.FINAL
    period_start = factory.LazyAttribute(lambda o: o.application.project_start)
    period_end = factory.LazyAttribute(lambda o: o.application.project_end)
    due_on = factory.LazyAttribute(lambda o: o.application.project_end + relativedelta(months=6))


def fill_report(report: Report, *, receipts: int = 2) -> Report:
    """Fill the report so that it meets every rule: actuals as planned, receipts that add up."""
    report.work_done = "40 Termine Sprachcafé mit 22 Frauen."
    report.what_worked = "Die Gruppe blieb zusammen; viele kamen jede Woche."
    report.what_did_not = "Im Sommer kamen weniger; wir haben die Termine verlegt."
    report.save()
    application = report.application
    lines = list(application.cost_lines.all())
    for line in lines:
        CostActual.objects.create(report=report, cost_line=line, amount=line.amount)
    for line in application.financing_lines.all():
        IncomeActual.objects.create(report=report, financing_line=line, amount=line.amount)
    total = sum((line.amount for line in lines), Decimal("0.00"))
    day = application.project_start + datetime.timedelta(days=1)
    share = (total / receipts).quantize(Decimal("0.01"))
    for number in range(1, receipts + 1):
        amount = share if number < receipts else total - share * (receipts - 1)
        Receipt.objects.create(
            report=report,
            number=number,
            date=day,
            payee=f"Zahlungsempfänger {number}",
            purpose=f"Kursleitung Termin {number}",
            amount=amount,
            cost_line=lines[0],
        )
    return report
