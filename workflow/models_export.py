"""A background export: who asked for what, how far it got, and the finished file."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ExportJobStatus(models.TextChoices):
    QUEUED = "queued", _("Wartet")
    RUNNING = "running", _("Läuft")
    DONE = "done", _("Fertig")
    FAILED = "failed", _("Fehlgeschlagen")


class ExportJob(models.Model):
    """An export too large for the request; only its owner sees it and its file."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("Art"), max_length=40)
    filename = models.CharField(_("Dateiname"), max_length=100)
    params = models.JSONField(_("Filter und Format"), default=dict, blank=True)
    status = models.CharField(
        _("Stand"), max_length=10, choices=ExportJobStatus.choices, default=ExportJobStatus.QUEUED
    )
    total = models.PositiveIntegerField(_("Zeilen insgesamt"), default=0)
    done = models.PositiveIntegerField(_("Zeilen geschrieben"), default=0)
    file = models.FileField(_("Datei"), upload_to="exports/", blank=True)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    finished_at = models.DateTimeField(_("fertig am"), null=True, blank=True)
    error = models.TextField(_("Fehler"), blank=True)

    class Meta:
        verbose_name = _("Export")
        verbose_name_plural = _("Exporte")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def file_format(self) -> str:
        return (self.params.get("format") or ["xlsx"])[0]
