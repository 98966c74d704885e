import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def new_token() -> str:
    return secrets.token_urlsafe(32)


VALID_DAYS = 14


class InvitationQuerySet(models.QuerySet):
    def valid(self):
        """Not yet accepted and not older than VALID_DAYS."""
        oldest = timezone.now() - timedelta(days=VALID_DAYS)
        return self.filter(accepted_at__isnull=True, created_at__gte=oldest)


class Invitation(models.Model):
    """An invitation for a further person to join an organisation."""

    organisation = models.ForeignKey(
        "applicants.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("E-Mail-Adresse"))
    token = models.CharField(_("Schlüssel"), max_length=64, unique=True, default=new_token)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingeladen von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("eingeladen am"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("angenommen am"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Einladung")
        verbose_name_plural = _("Einladungen")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"
