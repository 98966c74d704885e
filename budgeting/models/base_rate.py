from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.formatting import format_percent


class BaseRate(models.Model):
    """Basiszinssatz (§ 247 BGB): changes on 1 January and 1 July, published by the Bundesbank.

    Dated reference data for the interest on refund claims (§ 49a Abs. 3 VwVfG: five percentage
    points above the Basiszinssatz). A rate applies from `valid_from` until the next row's
    `valid_from`. It may be negative (it was from 2013 to 2022). Staff extend the table in the
    admin when the Bundesbank publishes a new rate.
    """

    valid_from = models.DateField(_("gültig ab"), unique=True, validators=[validate_day])
    rate = models.DecimalField(
        _("Basiszinssatz (%)"),
        max_digits=5,
        decimal_places=2,
        help_text=_("In Prozent pro Jahr, z. B. 3,62; kann negativ sein."),
    )
    source = models.CharField(_("Quelle"), max_length=200, blank=True)
    notes = models.CharField(_("Notizen"), max_length=400, blank=True)

    class Meta:
        verbose_name = _("Basiszinssatz")
        verbose_name_plural = _("Basiszinssätze")
        ordering = ["-valid_from"]

    def __str__(self) -> str:
        return f"{self.valid_from:%d.%m.%Y}: {format_percent(self.rate)}\N{NO-BREAK SPACE}%"
