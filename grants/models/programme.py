from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.money import MoneyField, non_negative

from .procedure import ProcedureOptions


class FinancingType(models.TextChoices):
    """Finanzierungsart (see DOMAIN.md, final settlement)."""

    SHARE = "anteil", _("Anteilfinanzierung")
    GAP = "fehlbedarf", _("Fehlbedarfsfinanzierung")
    FIXED = "festbetrag", _("Festbetragsfinanzierung")
    FULL = "voll", _("Vollfinanzierung")


def financing_errors(financing_type, funding_rate, unit_rate) -> dict:
    """What does not fit the financing type: a share needs a rate, only a fixed amount may be
    paid per unit (for a programme and for the terms a notice fixes alike)."""
    errors = {}
    if financing_type == FinancingType.SHARE and not funding_rate:
        errors["funding_rate"] = _("Bei Anteilfinanzierung ist eine Förderquote nötig.")
    if unit_rate is not None and financing_type != FinancingType.FIXED:
        errors["unit_rate"] = _(
            "Einen Festbetrag je Einheit gibt es nur bei Festbetragsfinanzierung."
        )
    return errors


class Theme(models.Model):
    """A field of the department's integration work."""

    code = models.SlugField(_("Kürzel"), max_length=40, unique=True)
    name = models.CharField(_("Bezeichnung"), max_length=120)

    class Meta:
        verbose_name = _("Handlungsfeld")
        verbose_name_plural = _("Handlungsfelder")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Programme(ProcedureOptions):
    """Förderprogramm: a funding line with its own rules and its procedure (Verfahren)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    description = models.TextField(_("Beschreibung"))
    themes = models.ManyToManyField(Theme, verbose_name=_("Handlungsfelder"), blank=True)
    financing_type = models.CharField(
        _("Finanzierungsart"), max_length=20, choices=FinancingType.choices
    )
    funding_rate = models.DecimalField(
        _("Förderquote (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text=_("Nur bei Anteilfinanzierung: Anteil der förderfähigen Kosten in Prozent."),
    )
    max_amount = MoneyField(_("Höchstbetrag der Förderung"), validators=non_negative())
    unit_rate = MoneyField(
        _("Festbetrag je Einheit"),
        null=True,
        blank=True,
        validators=non_negative(),
        help_text=_(
            "Nur bei Festbetragsfinanzierung: Betrag je Einheit (z. B. je Kursstunde); "
            "die Zuwendung ist dann Satz × Einheiten."
        ),
    )
    unit_name = models.CharField(
        _("Einheit"),
        max_length=60,
        blank=True,
        help_text=_("z. B. Kursstunde oder Teilnehmende; nötig mit einem Festbetrag je Einheit."),
    )
    max_duration_months = models.PositiveSmallIntegerField(
        _("längste Projektdauer (Monate)"), default=12
    )
    eligible_districts = models.ManyToManyField(
        "core.District", verbose_name=_("förderfähige Stadtbezirke"), related_name="+"
    )
    is_active = models.BooleanField(_("aktiv"), default=True)
    requires_interim_report = models.BooleanField(
        _("Zwischennachweis erforderlich"),
        default=False,
        help_text=_("Für jedes Kalenderjahr, über das das Projekt hinaus läuft."),
    )
    final_report_months = models.PositiveSmallIntegerField(
        _("Verwendungsnachweis fällig (Monate nach Projektende)"), default=6
    )

    class Meta:
        verbose_name = _("Förderprogramm")
        verbose_name_plural = _("Förderprogramme")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_per_unit(self) -> bool:
        return self.unit_rate is not None

    def clean(self):
        errors = financing_errors(self.financing_type, self.funding_rate, self.unit_rate)
        errors.update(self.procedure_errors())
        if self.light_limit is not None and self.light_limit > self.max_amount:
            errors.setdefault(
                "light_limit",
                _("Die Betragsgrenze liegt über dem Höchstbetrag der Förderung."),
            )
        if self.unit_rate is not None and not self.unit_name.strip():
            errors["unit_name"] = _("Bitte die Einheit nennen (z. B. Kursstunde).")
        if errors:
            raise ValidationError(errors)


class RequiredDocument(models.Model):
    """A document every application to the programme must have attached."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("Förderprogramm"),
        on_delete=models.CASCADE,
        related_name="required_documents",
    )
    name = models.CharField(_("Bezeichnung"), max_length=200)
    description = models.CharField(_("Erläuterung"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("erforderliche Unterlage")
        verbose_name_plural = _("erforderliche Unterlagen")
        ordering = ["programme", "pk"]

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    """An evaluation criterion of the substantive review, with its weight."""

    programme = models.ForeignKey(
        Programme,
        verbose_name=_("Förderprogramm"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    name = models.CharField(_("Kriterium"), max_length=200)
    description = models.TextField(_("Erläuterung"), blank=True)
    weight = models.DecimalField(
        _("Gewicht"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Relatives Gewicht in der Gesamtbewertung."),
    )

    class Meta:
        verbose_name = _("Bewertungskriterium")
        verbose_name_plural = _("Bewertungskriterien")
        ordering = ["programme", "pk"]

    def __str__(self) -> str:
        return self.name


class CallQuerySet(models.QuerySet):
    def open_on(self, day):
        return self.filter(opens_on__lte=day, closes_on__gte=day, programme__is_active=True)

    def open_now(self):
        return self.open_on(timezone.localdate())


class Call(models.Model):
    """Förderaufruf: the window in which a programme accepts applications."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("Förderprogramm"), on_delete=models.PROTECT, related_name="calls"
    )
    title = models.CharField(_("Titel"), max_length=200)
    opens_on = models.DateField(_("Antragstellung ab"), validators=[validate_day])
    closes_on = models.DateField(_("Antragsschluss"), validators=[validate_day])
    project_start_earliest = models.DateField(
        _("Projektbeginn frühestens"), validators=[validate_day]
    )
    project_end_latest = models.DateField(_("Projektende spätestens"), validators=[validate_day])

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = _("Förderaufruf")
        verbose_name_plural = _("Förderaufrufe")
        ordering = ["-opens_on", "title"]

    def __str__(self) -> str:
        return f"{self.programme}: {self.title}"

    def is_open_on(self, day) -> bool:
        return self.programme.is_active and self.opens_on <= day <= self.closes_on

    def clean(self):
        errors = {}
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            errors["closes_on"] = _("Der Antragsschluss liegt vor dem Beginn.")
        if (
            self.project_start_earliest
            and self.project_end_latest
            and self.project_end_latest < self.project_start_earliest
        ):
            errors["project_end_latest"] = _("Das Projektende liegt vor dem Projektbeginn.")
        if errors:
            raise ValidationError(errors)
