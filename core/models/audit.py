from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.audit_labels import audit_label
from core.models.append_only import AppendOnlyModel, AppendOnlyQuerySet


class AuditEntryQuerySet(AppendOnlyQuerySet):
    def for_object(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))


class AuditEntry(AppendOnlyModel):
    """One recorded state change or money movement; never changed afterwards."""

    created_at = models.DateTimeField(_("Zeitpunkt"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ausgeführt von"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    action = models.CharField(_("Aktion"), max_length=100, db_index=True)
    object_type = models.CharField(_("Objekttyp"), max_length=100)
    object_id = models.CharField(_("Objekt-ID"), max_length=64)
    before = models.JSONField(_("vorher"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField(_("nachher"), default=dict, blank=True, encoder=DjangoJSONEncoder)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("Protokolleintrag")
        verbose_name_plural = _("Protokolleinträge")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["object_type", "object_id", "created_at"])]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    @property
    def label(self) -> str:
        return audit_label(self.action)
