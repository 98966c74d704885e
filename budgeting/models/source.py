from django.db import models
from django.utils.translation import gettext_lazy as _


class FundingSourceKind(models.TextChoices):
    """Finanzierungsquelle: who provides the money of a budget line."""

    CITY = "city", _("Städtischer Haushalt")
    LAND = "land", _("Land NRW")
    FEDERAL = "bund", _("Bund")
    EU = "eu", _("EU")
    FOUNDATION = "foundation", _("Stiftung")
    OTHER = "other", _("Sonstige")


class FundingSource(models.Model):
    """A funder whose money the city's programmes spend (city budget, Land, foundations …)."""

    name = models.CharField(_("Name"), max_length=200, unique=True)
    kind = models.CharField(_("Art"), max_length=20, choices=FundingSourceKind.choices)
    contact_name = models.CharField(_("Ansprechperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"), blank=True)
    notes = models.TextField(_("Notizen"), blank=True)

    class Meta:
        verbose_name = _("Finanzierungsquelle")
        verbose_name_plural = _("Finanzierungsquellen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
