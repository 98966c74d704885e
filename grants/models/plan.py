from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import MoneyField, non_negative


class CostCategory(models.TextChoices):
    STAFF = "personal", _("Personalkosten")
    FEES = "honorare", _("Honorare")
    MATERIAL = "sachkosten", _("Sachkosten")
    ROOMS = "raum", _("Miete und Raumkosten")
    TRAVEL = "fahrt", _("Fahrtkosten")
    PUBLICITY = "oeffentlichkeit", _("Öffentlichkeitsarbeit")
    ADMIN = "verwaltung", _("Verwaltungskosten")
    OTHER = "sonstige", _("Sonstige Kosten")


class FinancingKind(models.TextChoices):
    OWN = "eigenmittel", _("Eigenmittel")
    INCOME = "einnahmen", _("Drittmittel: Spenden, Teilnahmebeiträge, Einnahmen")
    FOUNDATION = "stiftung", _("Drittmittel: Stiftung (Kofinanzierung)")
    PUBLIC = "oeffentlich", _("andere öffentliche Mittel")


class CostLine(models.Model):
    """One line of the cost plan."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.CASCADE,
        related_name="cost_lines",
    )
    category = models.CharField(_("Kostenart"), max_length=30, choices=CostCategory.choices)
    description = models.CharField(_("Beschreibung"), max_length=300)
    amount = MoneyField(_("Betrag"), validators=non_negative())

    class Meta:
        verbose_name = _("Kostenposition")
        verbose_name_plural = _("Kostenplan")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description}"


class FinancingLine(models.Model):
    """One line of the financing plan besides the requested grant."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.CASCADE,
        related_name="financing_lines",
    )
    kind = models.CharField(_("Art der Mittel"), max_length=30, choices=FinancingKind.choices)
    source_name = models.CharField(
        _("Geldgeber"),
        max_length=200,
        blank=True,
        help_text=_("Bei Stiftungen und öffentlichen Mitteln: wer gibt das Geld?"),
    )
    description = models.CharField(_("Beschreibung"), max_length=300, blank=True)
    amount = MoneyField(_("Betrag"), validators=non_negative())

    class Meta:
        verbose_name = _("Finanzierungsposition")
        verbose_name_plural = _("Finanzierungsplan")
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.source_name or self.description}"

    def clean(self):
        if self.kind in (FinancingKind.FOUNDATION, FinancingKind.PUBLIC) and not self.source_name:
            raise ValidationError(
                {"source_name": _("Bitte nennen Sie die Stiftung oder die öffentliche Stelle.")}
            )
