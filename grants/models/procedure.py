"""Verfahren: how a programme runs its cases (DOMAIN.md, "Procedures per programme").

The options live once, in `ProcedureOptions`; a programme holds the ones in force, and each case
keeps a frozen copy (`CaseProcedure`) taken when it is submitted or its idea handed in.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import MoneyField, non_negative


class IdeaStage(models.TextChoices):
    NONE = "none", _("keine Projektidee")
    OPTIONAL = "optional", _("Projektidee möglich")
    REQUIRED = "required", _("Projektidee erforderlich")


class ReviewMode(models.TextChoices):
    NONE = "none", _("keine fachliche Prüfung (nur im vereinfachten Verfahren)")
    SINGLE = "single", _("eine Gutachterin oder ein Gutachter")
    PANEL = "panel", _("Jury aus mehreren Gutachtenden")


class DecisionMode(models.TextChoices):
    STANDARD = "standard", _("Bewilligung")
    LIGHT = "light", _("vereinfachtes Verfahren: Sachbearbeitung bis zur Betragsgrenze")


class ProofOfUse(models.TextChoices):
    FULL = "full", _("Verwendungsnachweis mit Belegliste")
    SIMPLIFIED = "simplified", _("einfacher Verwendungsnachweis mit Stichprobe")


PANEL_SIZE_MIN = 2
DEFAULT_SAMPLE_SHARE = Decimal("10")


class ProcedureOptions(models.Model):
    """The options of a procedure; shared by the programme and the case's frozen copy."""

    idea_stage = models.CharField(
        _("Projektidee und Beratung"),
        max_length=20,
        choices=IdeaStage.choices,
        default=IdeaStage.NONE,
    )
    review_mode = models.CharField(
        _("fachliche Prüfung"),
        max_length=20,
        choices=ReviewMode.choices,
        default=ReviewMode.SINGLE,
    )
    panel_size = models.PositiveSmallIntegerField(
        _("Gutachtende je Antrag (Jury)"),
        default=3,
        validators=[MinValueValidator(PANEL_SIZE_MIN), MaxValueValidator(9)],
    )
    spread_threshold = models.DecimalField(
        _("Streuung markieren ab (Punkte)"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "Nur bei einer Jury: liegen die gewichteten Punktzahlen der Gutachtenden weiter "
            "auseinander, wird der Antrag zur Besprechung markiert."
        ),
    )
    decision_mode = models.CharField(
        _("Entscheidung"),
        max_length=20,
        choices=DecisionMode.choices,
        default=DecisionMode.STANDARD,
    )
    light_limit = MoneyField(
        _("Betragsgrenze des vereinfachten Verfahrens"),
        null=True,
        blank=True,
        validators=non_negative(),
        help_text=_(
            "Bis zu diesem beantragten Betrag entscheidet die Sachbearbeitung allein; "
            "darüber nimmt der Antrag den regulären Weg."
        ),
    )
    proof_of_use = models.CharField(
        _("Verwendungsnachweis"),
        max_length=20,
        choices=ProofOfUse.choices,
        default=ProofOfUse.FULL,
    )
    sample_share = models.DecimalField(
        _("Stichprobe für die volle Prüfung (%)"),
        max_digits=5,
        decimal_places=2,
        default=DEFAULT_SAMPLE_SHARE,
        validators=[MinValueValidator(Decimal("0.01")), MaxValueValidator(Decimal("100"))],
        help_text=_(
            "Nur beim einfachen Verwendungsnachweis: mindestens dieser Anteil wird "
            "zufällig für die Prüfung mit Belegliste gezogen."
        ),
    )

    class Meta:
        abstract = True

    def procedure_errors(self) -> dict:
        """What does not fit together; an empty dict when the procedure is valid."""
        errors = {}
        light = self.decision_mode == DecisionMode.LIGHT
        if self.review_mode == ReviewMode.NONE and not light:
            errors["review_mode"] = _(
                "Ohne fachliche Prüfung geht es nur im vereinfachten Verfahren: bitte bei "
                "„Entscheidung“ das vereinfachte Verfahren wählen."
            )
        if light and not self.light_limit:
            errors["light_limit"] = _(
                "Das vereinfachte Verfahren braucht eine Betragsgrenze über 0 €."
            )
        if not light and self.light_limit is not None:
            errors["light_limit"] = _("Eine Betragsgrenze gibt es nur im vereinfachten Verfahren.")
        if self.review_mode == ReviewMode.PANEL:
            if (self.panel_size or 0) < PANEL_SIZE_MIN:
                errors["panel_size"] = _("Eine Jury hat mindestens zwei Gutachtende.")
            if self.spread_threshold is None:
                errors["spread_threshold"] = _(
                    "Bitte angeben, ab welcher Streuung der Punktzahlen ein Antrag besprochen wird."
                )
        elif self.spread_threshold is not None:
            errors["spread_threshold"] = _("Eine Streuungsgrenze gibt es nur bei einer Jury.")
        return errors

    @property
    def takes_ideas(self) -> bool:
        """Initiatives may hand in a project idea (idea stage optional or required)."""
        return self.idea_stage != IdeaStage.NONE

    @property
    def is_light(self) -> bool:
        return self.decision_mode == DecisionMode.LIGHT

    @property
    def is_panel(self) -> bool:
        return self.review_mode == ReviewMode.PANEL

    @property
    def is_simplified_proof(self) -> bool:
        return self.proof_of_use == ProofOfUse.SIMPLIFIED


PROCEDURE_FIELDS = tuple(field.name for field in ProcedureOptions._meta.local_fields)


class CaseProcedure(ProcedureOptions):
    """The procedure a case runs under: copied from its programme and never changed."""

    programme = models.ForeignKey(
        "grants.Programme",
        verbose_name=_("Förderprogramm"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    fixed_at = models.DateTimeField(_("festgelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Verfahren eines Falls")
        verbose_name_plural = _("Verfahren der Fälle")

    def __str__(self) -> str:
        return f"{self.programme} ({self.get_decision_mode_display()})"

    def clean(self):
        errors = self.procedure_errors()
        if errors:
            raise ValidationError(errors)
