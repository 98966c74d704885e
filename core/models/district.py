from django.db import models
from django.utils.translation import gettext_lazy as _


class District(models.Model):
    """A Stadtbezirk of the city."""

    number = models.PositiveSmallIntegerField(_("Nummer"), unique=True)
    name = models.CharField(_("Name"), max_length=80, unique=True)

    class Meta:
        verbose_name = _("Stadtbezirk")
        verbose_name_plural = _("Stadtbezirke")
        ordering = ["number"]

    def __str__(self) -> str:
        return self.name
