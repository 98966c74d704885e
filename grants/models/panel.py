"""Jury (panel review): n reviewers score one application independently."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import MoneyField, non_negative

from .case import CriterionScore, Recommendation


class PanelSeat(models.Model):
    """One reviewer's place on the panel of one application, and their vote once submitted."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.CASCADE,
        related_name="panel_seats",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Gutachter/in"),
        on_delete=models.PROTECT,
        related_name="panel_seats",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zugewiesen von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    assigned_at = models.DateTimeField(_("zugewiesen am"), auto_now_add=True)
    from_pool = models.BooleanField(_("aus dem Pool gezogen"), default=False)
    assessment = models.TextField(_("Bewertung"), blank=True)
    recommendation = models.CharField(
        _("Votum"), max_length=20, choices=Recommendation.choices, blank=True
    )
    recommended_amount = MoneyField(
        _("empfohlener Betrag"), null=True, blank=True, validators=non_negative()
    )
    no_conflict_of_interest = models.BooleanField(
        _("Ich erkläre, dass kein Interessenkonflikt besteht."), default=False
    )
    weighted_total = models.DecimalField(
        _("gewichtete Gesamtpunktzahl"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("bewertet am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Platz in der Jury")
        verbose_name_plural = _("Plätze in der Jury")
        ordering = ["application_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "reviewer"], name="unique_panel_seat")
        ]
        indexes = [models.Index(fields=["reviewer", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.application} – {self.reviewer}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class PanelScore(CriterionScore):
    """A juror's score of one criterion."""

    seat = models.ForeignKey(
        PanelSeat,
        verbose_name=_("Platz in der Jury"),
        on_delete=models.CASCADE,
        related_name="scores",
    )

    class Meta:
        verbose_name = _("Jurybewertung eines Kriteriums")
        verbose_name_plural = _("Jurybewertungen der Kriterien")
        ordering = ["criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["seat", "criterion"], name="unique_panel_score")
        ]
