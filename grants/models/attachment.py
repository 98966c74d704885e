import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def attachment_path(instance, filename: str) -> str:
    """Files are stored under a random name; the original name is kept in the row."""
    return f"attachments/{instance.application_id}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A document attached to an application (checked by content, not by name)."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    required_document = models.ForeignKey(
        "grants.RequiredDocument",
        verbose_name=_("Art der Unterlage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    file = models.FileField(_("Datei"), upload_to=attachment_path)
    original_name = models.CharField(_("Dateiname"), max_length=255)
    content_type = models.CharField(_("Dateityp"), max_length=100)
    size = models.PositiveIntegerField(_("Größe (Bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("hochgeladen von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("hochgeladen am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Anlage")
        verbose_name_plural = _("Anlagen")
        ordering = ["uploaded_at", "pk"]

    def __str__(self) -> str:
        return self.original_name
