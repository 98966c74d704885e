"""The terms of a grant as a notice fixes them (DOMAIN.md, "Money after the decision").

Version 1 comes with the Zuwendungsbescheid; each Änderungsbescheid writes the next version.
Settlement, payouts and reports read the terms in force from here, never from the programme's
current settings: a later edit of the programme changes only later cases.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import MoneyField, non_negative

from .programme import FinancingType, financing_errors

UNITS = {"max_digits": 10, "decimal_places": 2}


class GrantTermsQuerySet(models.QuerySet):
    def in_force(self):
        """The newest version of each grant's terms."""
        return self.order_by("application_id", "-version")


class GrantTerms(models.Model):
    """Financing type, rate, eligible costs, amount and per-unit terms of one notice version."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.PROTECT,
        related_name="terms",
    )
    version = models.PositiveSmallIntegerField(_("Bescheidversion"))
    decision = models.ForeignKey(
        "grants.Decision",
        verbose_name=_("Entscheidung"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
    )
    change_request = models.ForeignKey(
        "grants.ChangeRequest",
        verbose_name=_("Änderungsantrag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="terms",
    )
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
    )
    approved_amount = MoneyField(
        _("bewilligte Zuwendung (Höchstbetrag)"), validators=non_negative()
    )
    eligible_costs = MoneyField(_("zuwendungsfähige Ausgaben"), validators=non_negative())
    unit_rate = MoneyField(
        _("Festbetrag je Einheit"), null=True, blank=True, validators=non_negative()
    )
    unit_name = models.CharField(_("Einheit"), max_length=60, blank=True)
    units_planned = models.DecimalField(
        _("geplante Einheiten"), null=True, blank=True, validators=non_negative(), **UNITS
    )
    fixed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("festgelegt von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    fixed_at = models.DateTimeField(_("festgelegt am"), auto_now_add=True)

    objects = GrantTermsQuerySet.as_manager()

    class Meta:
        verbose_name = _("Bewilligungsbedingungen")
        verbose_name_plural = _("Bewilligungsbedingungen")
        ordering = ["application", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "version"], name="unique_grant_terms_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.application} – v{self.version}"

    @property
    def is_per_unit(self) -> bool:
        return self.unit_rate is not None

    @property
    def rate_fraction(self) -> Decimal | None:
        """q as a fraction (0.80), for Anteilfinanzierung only."""
        if self.financing_type != FinancingType.SHARE or self.funding_rate is None:
            return None
        return self.funding_rate / Decimal(100)

    def clean(self):
        errors = financing_errors(self.financing_type, self.funding_rate, self.unit_rate)
        if self.unit_rate is not None and self.units_planned is None:
            errors["units_planned"] = _("Bitte die geplanten Einheiten angeben.")
        if errors:
            raise ValidationError(errors)


class ExcludedCostLine(models.Model):
    """A line of the cost plan found not eligible (in whole or in part), with the reason."""

    terms = models.ForeignKey(
        GrantTerms,
        verbose_name=_("Bewilligungsbedingungen"),
        on_delete=models.CASCADE,
        related_name="excluded_lines",
    )
    cost_line = models.ForeignKey(
        "grants.CostLine", verbose_name=_("Kostenposition"), on_delete=models.PROTECT
    )
    amount = MoneyField(_("nicht zuwendungsfähig"), validators=non_negative())
    reason = models.CharField(_("Grund"), max_length=500)

    class Meta:
        verbose_name = _("nicht zuwendungsfähige Kostenposition")
        verbose_name_plural = _("nicht zuwendungsfähige Kostenpositionen")
        ordering = ["terms", "cost_line_id"]
        constraints = [
            models.UniqueConstraint(fields=["terms", "cost_line"], name="unique_excluded_line")
        ]

    def __str__(self) -> str:
        return f"{self.cost_line}: {self.amount}"
