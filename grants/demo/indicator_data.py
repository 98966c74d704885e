"""What the demo applications commit to, and a first interim state of the approved one.

Goals are keyed by the application's title: a catalogue code or an own indicator, with
baseline (None: not known) and target (None: not yet filled in, as in a draft).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from itertools import cycle

from grants.impact import report_progress
from grants.models import Application, IndicatorUnit, Report
from grants.services.indicator_actuals import IndicatorValue, report_indicators_save
from grants.services.indicators import IndicatorChoice


@dataclass(frozen=True)
class Goal:
    code: str  # a catalogue code, or "" for an own indicator
    baseline: str | None
    target: str | None
    name: str = ""
    unit: str = IndicatorUnit.COUNT
    direction: str = "increase"


def own(name: str, baseline: str | None, target: str, unit=IndicatorUnit.COUNT) -> Goal:
    return Goal("", baseline, target, name=name, unit=unit)


GOALS: dict[str, tuple[Goal, ...]] = {
    "Sprachcafé am Ölberg": (
        Goal("TERMINE", "0", "20"),
        Goal("TN", "0", "30"),
        Goal("SPRECHEN", "20", "60"),
        own("Frauen, die eine Beratungsstelle im Stadtteil kennen", "5", "25"),
    ),
    "Fest der Kulturen Vohwinkel": (
        Goal("TERMINE", "0", "1"),
        Goal("TN", "0", "300"),
        Goal("TN-NEU", None, "30"),
    ),
    "Mehrsprachiges Elterncafé Uellendahl": (
        Goal("TERMINE", "0", "6"),
        Goal("TN", "0", "15"),
        Goal("QUOTE", None, "70"),
    ),
    "Interkultureller Nachbarschaftsgarten Wichlinghausen": (
        Goal("TERMINE", "0", "12"),
        Goal("TN", "0", "60"),
        Goal("KONTAKTE", "10", "60"),
        Goal("ENGAGEMENT", "0", "8"),
    ),
    "Arrenberger Tafelrunde – Nachbarn kochen gemeinsam": (
        Goal("TERMINE", "0", "10"),
        Goal("TN", "0", "150"),
        Goal("TN-NEU", None, "40"),
        Goal("KONTAKTE", "15", "50"),
        own("Rezepte im mehrsprachigen Rezeptheft", "0", "40"),
    ),
    "Stadtteilspaziergänge und Nähwerkstatt für Frauen": (
        Goal("TERMINE", "0", "40"),
        Goal("TN", "0", "60"),
        Goal("QUOTE", None, "75"),
        Goal("ENGAGEMENT", "0", "10"),
    ),
    "Lernbrücke Barmen – Lernpatenschaften und Hausaufgabenhilfe": (
        Goal("TERMINE", "0", "180"),
        Goal("TN", "0", "80"),
        Goal("QUOTE", None, "80"),
        Goal("DEUTSCH", "0", "70"),
        Goal("ELTERN", "10", "50"),
    ),
    "Mehrsprachige Leseclubs an Elberfelder Grundschulen": (
        Goal("TERMINE", "0", "120"),
        Goal("TN", "0", "120"),
        Goal("DEUTSCH", "0", "60"),
        Goal("ELTERN", "20", "60"),
    ),
    "Ausbildungslotsen Langerfeld": (
        Goal("TERMINE", "0", "200"),
        Goal("TN", "0", "40"),
        Goal("DEUTSCH", "0", "40"),
        Goal("AUSBILDUNG", "0", "25"),
    ),
    "Patenschaften für neue Nachbarn in Wichlinghausen": (
        Goal("TERMINE", "0", "24"),
        Goal("TN", "0", "50"),
        Goal("ENGAGEMENT", "0", "25"),
    ),
    "Ehrenamtsschule für Frauen in Heckinghausen": (
        Goal("TERMINE", "0", "10"),
        Goal("TN", "0", "20"),
        Goal("QUOTE", None, "80"),
        Goal("ENGAGEMENT", "0", "5"),
    ),
    # A draft: chosen, but the targets are still missing.
    "MINT-Werkstatt Ronsdorf": (Goal("TERMINE", "0", None), Goal("TN", None, None)),
}


def goal_choices(application: Application, title: str = "") -> list[IndicatorChoice] | None:
    """The indicators of the demo application of that title (by default the application's
    own) as the portal would save them; None: none planned."""
    goals = GOALS.get(title or application.title)
    if goals is None:
        return None
    catalogue = {i.code: i.pk for i in application.call.programme.indicators.all()}
    return [
        IndicatorChoice(
            indicator_id=catalogue[goal.code] if goal.code else None,
            own_name=goal.name,
            own_unit="" if goal.code else goal.unit,
            own_direction="" if goal.code else goal.direction,
            baseline=_decimal(goal.baseline),
            target=_decimal(goal.target),
        )
        for goal in goals
    ]


# Share of the planned change the first report reaches, so that every status shows up.
REACHED = (Decimal("1.1"), Decimal("0.9"), Decimal("1.0"), Decimal("0.5"), Decimal("1.2"))
COMMENTS = {
    Decimal("0.9"): "Im ersten Monat kamen weniger Gäste als erwartet.",
    Decimal("0.5"): "Viele Gäste kommen schon zusammen; neue Kontakte entstehen langsamer.",
}


def report_actuals_seed(*, report: Report, user) -> Report:
    """Fill the report's indicator values as a draft, measured against its progress."""
    progress = report_progress(report)
    values = {}
    for indicator, share in zip(report.application.indicators.all(), cycle(REACHED), strict=False):
        start = indicator.baseline or Decimal("0")
        reached = start + (indicator.target - start) * share * progress
        places = Decimal("1") if indicator.unit == IndicatorUnit.COUNT else Decimal("0.1")
        values[indicator.pk] = IndicatorValue(
            value=reached.quantize(places, rounding=ROUND_HALF_UP),
            comment=COMMENTS.get(share, ""),
        )
    return report_indicators_save(report=report, user=user, values=values)


def _decimal(value: str | None) -> Decimal | None:
    return None if value is None else Decimal(value)
