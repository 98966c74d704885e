"""Wirkungsorientierung: a programme's indicator catalogue (IOOI levels, steps of the
Wirkungstreppe), the indicators an application commits to, and the actuals of its reports.

Only aggregated figures are stored (numbers of people, shares, scores), never data about a
single participant (Art. 9 DSGVO)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorLevel(models.TextChoices):
    OUTPUT = "output", _("Output (Leistung)")
    OUTCOME = "outcome", _("Outcome (Wirkung bei der Zielgruppe)")
    IMPACT = "impact", _("Impact (Wirkung in der Gesellschaft)")


# Wirkungstreppe: steps 1–3 are output, 4–6 outcome, 7 impact.
LEVEL_OF_STEP = {1: "output", 2: "output", 3: "output", 4: "outcome", 5: "outcome", 6: "outcome"}
WIRKUNGSTREPPE = {
    1: _("Aktivitäten finden wie geplant statt"),
    2: _("Zielgruppen werden erreicht"),
    3: _("Zielgruppen akzeptieren das Angebot"),
    4: _("Zielgruppen verändern Bewusstsein oder Fähigkeiten"),
    5: _("Zielgruppen ändern ihr Handeln"),
    6: _("Lebenslage der Zielgruppen ändert sich"),
    7: _("Gesellschaft verändert sich"),
}


def level_of_step(step: int) -> str:
    return LEVEL_OF_STEP.get(step, IndicatorLevel.IMPACT)


class IndicatorUnit(models.TextChoices):
    COUNT = "count", _("Anzahl")
    PERCENT = "percent", _("Prozent")
    EUR = "eur", _("Euro")
    SCORE = "score", _("Punktwert")


class IndicatorAggregation(models.TextChoices):
    SUM = "sum", _("Summe")
    MEAN = "mean", _("Mittelwert")
    RATE = "rate", _("Quote")


class IndicatorDirection(models.TextChoices):
    INCREASE = "increase", _("steigern")
    DECREASE = "decrease", _("senken")
    MAINTAIN = "maintain", _("halten")


class IndicatorMethod(models.TextChoices):
    ATTENDANCE = "attendance", _("Teilnahmeliste")
    SURVEY = "survey", _("Vorher-Nachher-Befragung")
    LANGUAGE_TEST = "language_test", _("Sprachtest")
    SELF_REPORT = "self_report", _("Selbstauskunft")


class IndicatorStatus(models.TextChoices):
    ON_TRACK = "on_track", _("im Plan")
    AT_RISK = "at_risk", _("gefährdet")
    MISSED = "missed", _("verfehlt")


def indicator_value_field(verbose_name, **kwargs) -> models.DecimalField:
    """A measured value (a count, a share in %, euros or a score), not money of the ledger."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)


class Indicator(models.Model):
    """An indicator of a programme's catalogue."""

    programme = models.ForeignKey(
        "grants.Programme",
        verbose_name=_("Förderprogramm"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    code = models.CharField(_("Kürzel"), max_length=30)
    name = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.TextField(_("Beschreibung"), blank=True)
    level = models.CharField(_("Ebene"), max_length=10, choices=IndicatorLevel.choices)
    step = models.PositiveSmallIntegerField(
        _("Stufe der Wirkungstreppe"),
        validators=[MinValueValidator(1), MaxValueValidator(7)],
        help_text=_("1–3 Output, 4–6 Outcome, 7 Impact."),
    )
    unit = models.CharField(_("Einheit"), max_length=10, choices=IndicatorUnit.choices)
    aggregation = models.CharField(
        _("Zusammenfassung"), max_length=10, choices=IndicatorAggregation.choices
    )
    direction = models.CharField(
        _("angestrebte Richtung"), max_length=10, choices=IndicatorDirection.choices
    )
    method = models.CharField(_("Erhebungsmethode"), max_length=20, choices=IndicatorMethod.choices)
    mandatory = models.BooleanField(_("verpflichtend"), default=False)
    about_people = models.BooleanField(
        _("Angaben über Personen"),
        default=False,
        help_text=_("Veröffentlichte Zahlen unter der Mindestgröße werden unterdrückt."),
    )
    monitoring_field = models.CharField(
        _("Feld im Integrationsmonitoring"), max_length=200, blank=True
    )
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Indikator")
        verbose_name_plural = _("Indikatoren")
        ordering = ["programme", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "code"], name="unique_indicator_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def step_label(self) -> str:
        return WIRKUNGSTREPPE.get(self.step, "")

    def clean(self):
        if self.step and self.level and level_of_step(self.step) != self.level:
            raise ValidationError(
                {
                    "level": _("Stufe %(step)s der Wirkungstreppe gehört zur Ebene „%(level)s“.")
                    % {"step": self.step, "level": IndicatorLevel(level_of_step(self.step)).label}
                }
            )


class ApplicationIndicator(models.Model):
    """An indicator the applicant commits to, from the catalogue or their own, with baseline
    and target."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    indicator = models.ForeignKey(
        Indicator,
        verbose_name=_("Indikator aus dem Katalog"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uses",
    )
    # An own indicator (indicator is empty) names itself, its unit and direction.
    own_name = models.CharField(_("eigener Indikator"), max_length=200, blank=True)
    own_unit = models.CharField(
        _("Einheit"), max_length=10, choices=IndicatorUnit.choices, blank=True
    )
    own_direction = models.CharField(
        _("angestrebte Richtung"), max_length=10, choices=IndicatorDirection.choices, blank=True
    )
    baseline = indicator_value_field(_("Ausgangswert"), null=True, blank=True)
    target = indicator_value_field(_("Zielwert"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(_("Reihenfolge"), default=0)

    class Meta:
        verbose_name = _("Indikator des Antrags")
        verbose_name_plural = _("Indikatoren des Antrags")
        ordering = ["application", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "indicator"],
                condition=models.Q(indicator__isnull=False),
                name="unique_application_indicator",
            ),
            # Either a catalogue indicator or an own one with a name, never both.
            models.CheckConstraint(
                condition=(
                    models.Q(indicator__isnull=False, own_name="")
                    | (models.Q(indicator__isnull=True) & ~models.Q(own_name=""))
                ),
                name="application_indicator_catalogue_or_own",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.indicator_id:
            if self.own_name or self.own_unit or self.own_direction:
                raise ValidationError(
                    _("Ein Indikator aus dem Katalog hat keinen eigenen Namen und keine Einheit.")
                )
            return
        missing = {
            field: _("Bitte füllen Sie dieses Feld aus.")
            for field in ("own_name", "own_unit", "own_direction")
            if not getattr(self, field)
        }
        if missing:
            raise ValidationError(missing)

    @property
    def name(self) -> str:
        return self.indicator.name if self.indicator_id else self.own_name

    @property
    def unit(self) -> str:
        return self.indicator.unit if self.indicator_id else self.own_unit

    @property
    def direction(self) -> str:
        return self.indicator.direction if self.indicator_id else self.own_direction

    @property
    def code(self) -> str:
        return self.indicator.code if self.indicator_id else ""

    @property
    def unit_label(self) -> str:
        return IndicatorUnit(self.unit).label if self.unit else ""

    @property
    def direction_label(self) -> str:
        return IndicatorDirection(self.direction).label if self.direction else ""

    @property
    def is_mandatory(self) -> bool:
        return bool(self.indicator_id and self.indicator.mandatory)


class IndicatorActual(models.Model):
    """The value an indicator reached in a report's period, with the applicant's comment; the
    status is computed, staff may confirm it."""

    report = models.ForeignKey(
        "grants.Report",
        verbose_name=_("Nachweis"),
        on_delete=models.CASCADE,
        related_name="indicator_actuals",
    )
    application_indicator = models.ForeignKey(
        ApplicationIndicator,
        verbose_name=_("Indikator"),
        on_delete=models.CASCADE,
        related_name="actuals",
    )
    value = indicator_value_field(_("erreichter Wert"), null=True, blank=True)
    comment = models.CharField(_("Kommentar"), max_length=500, blank=True)
    status = models.CharField(
        _("Stand"), max_length=10, choices=IndicatorStatus.choices, blank=True
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestätigt von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("bestätigt am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Istwert eines Indikators")
        verbose_name_plural = _("Istwerte der Indikatoren")
        ordering = ["report", "application_indicator__position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "application_indicator"], name="unique_indicator_actual"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application_indicator}: {self.value}"
