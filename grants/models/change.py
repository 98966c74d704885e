"""Änderungsantrag: the applicant asks to change an approved grant (period, amount)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.money import MoneyField


class ChangeRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("beantragt – wird geprüft")
    RECOMMENDED = "recommended", _("von der Sachbearbeitung befürwortet")
    APPROVED = "approved", _("bewilligt")
    REJECTED = "rejected", _("abgelehnt")


OPEN_CHANGE_STATUSES = (ChangeRequestStatus.REQUESTED, ChangeRequestStatus.RECOMMENDED)


class ChangeRequest(models.Model):
    """Änderungsantrag; an approval leads to an Änderungsbescheid (a new notice version)."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.PROTECT,
        related_name="change_requests",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantragt von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("beantragt am"), auto_now_add=True)
    reason = models.TextField(_("Was soll sich ändern, und warum?"))
    new_project_start = models.DateField(
        _("neuer Projektbeginn"), null=True, blank=True, validators=[validate_day]
    )
    new_project_end = models.DateField(
        _("neues Projektende"), null=True, blank=True, validators=[validate_day]
    )
    new_amount = MoneyField(
        _("neue Zuwendung (Gesamtbetrag)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=ChangeRequestStatus.choices,
        default=ChangeRequestStatus.REQUESTED,
    )
    caseworker_opinion = models.TextField(_("Stellungnahme der Sachbearbeitung"), blank=True)
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geprüft von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    checked_at = models.DateTimeField(_("geprüft am"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("entschieden am"), null=True, blank=True)
    decision_reasons = models.TextField(_("Begründung der Entscheidung"), blank=True)
    version_issued = models.PositiveSmallIntegerField(
        _("Version des Änderungsbescheids"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("Änderungsantrag")
        verbose_name_plural = _("Änderungsanträge")
        ordering = ["application", "requested_at", "pk"]

    def __str__(self) -> str:
        day = (
            timezone.localtime(self.requested_at).strftime("%d.%m.%Y") if self.requested_at else ""
        )
        return f"{self.application} – {_('Änderungsantrag')} {day}".rstrip()

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_CHANGE_STATUSES

    # The staff mails and pages name a task's artifact by reference and title.
    @property
    def reference(self) -> str:
        return self.application.reference or ""

    @property
    def title(self) -> str:
        return self.application.title
