from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MembershipRole(models.TextChoices):
    ADMIN = "admin", _("Verwaltung der Organisation")
    MEMBER = "member", _("Mitglied")


class Membership(models.Model):
    """A person acts for an organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        "applicants.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("Rolle"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    joined_at = models.DateTimeField(_("seit"), auto_now_add=True)

    Role = MembershipRole

    class Meta:
        verbose_name = _("Mitgliedschaft")
        verbose_name_plural = _("Mitgliedschaften")
        constraints = [
            models.UniqueConstraint(fields=["user", "organisation"], name="unique_membership")
        ]
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"
