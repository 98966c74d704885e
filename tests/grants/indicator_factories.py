"""Factories of the impact indicators: a programme's catalogue, an application's choice with
baseline and target, and a report's actual value."""

from decimal import Decimal

import factory

from grants.models import (
    ApplicationIndicator,
    Indicator,
    IndicatorActual,
    IndicatorAggregation,
    IndicatorDirection,
    IndicatorLevel,
    IndicatorMethod,
    IndicatorUnit,
)
from tests.factories import ApplicationFactory, ProgrammeFactory
from tests.grants.report_factories import ReportFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    """An output indicator counting people reached (step 2 of the Wirkungstreppe)."""

    class Meta:
        model = Indicator

    programme = factory.SubFactory(ProgrammeFactory)
    code = factory.Sequence(lambda n: f"TN-{n + 1}")
    name = "Erreichte Teilnehmende"
    level = IndicatorLevel.OUTPUT
    step = 2
    unit = IndicatorUnit.COUNT
    aggregation = IndicatorAggregation.SUM
    direction = IndicatorDirection.INCREASE
    method = IndicatorMethod.ATTENDANCE
    about_people = True


class ApplicationIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApplicationIndicator

    application = factory.SubFactory(ApplicationFactory)
    indicator = factory.SubFactory(
        IndicatorFactory, programme=factory.SelfAttribute("..application.call.programme")
    )
    baseline = Decimal("0")
    target = Decimal("25")


class IndicatorActualFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorActual

    report = factory.SubFactory(ReportFactory)
    application_indicator = factory.SubFactory(
        ApplicationIndicatorFactory, application=factory.SelfAttribute("..report.application")
    )
    value = Decimal("20")
