"""What happens to a submitted application: formal checks, reviews, the decision, notices."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.money import MoneyField, non_negative


class FormalCheckResult(models.TextChoices):
    COMPLETE = "complete", _("vollständig")
    REVISION = "revision", _("Nachforderung")


class FormalCheck(models.Model):
    """One round of the Vollständigkeitsprüfung; every round is kept."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.CASCADE,
        related_name="formal_checks",
    )
    round = models.PositiveSmallIntegerField(_("Runde"))
    result = models.CharField(_("Ergebnis"), max_length=20, choices=FormalCheckResult.choices)
    message = models.TextField(
        _("Nachricht an den Antragsteller"),
        blank=True,
        help_text=_("Bei einer Nachforderung: was fehlt oder geändert werden muss."),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geprüft von"), on_delete=models.PROTECT
    )
    checked_at = models.DateTimeField(_("geprüft am"), auto_now_add=True)
    answered_at = models.DateTimeField(_("nachgereicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Vollständigkeitsprüfung")
        verbose_name_plural = _("Vollständigkeitsprüfungen")
        ordering = ["application", "round"]
        constraints = [
            models.UniqueConstraint(fields=["application", "round"], name="unique_check_round")
        ]

    def __str__(self) -> str:
        return f"{self.application} – {self.round}. {self.get_result_display()}"


class Recommendation(models.TextChoices):
    APPROVE = "approve", _("Bewilligung empfohlen")
    PARTIAL = "partial", _("Teilbewilligung empfohlen")
    REJECT = "reject", _("Ablehnung empfohlen")


class Review(models.Model):
    """The substantive review (Fachliche Prüfung / Votum) of an application."""

    application = models.OneToOneField(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.CASCADE,
        related_name="review",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("Gutachter/in"), on_delete=models.PROTECT
    )
    assessment = models.TextField(_("Bewertung"))
    recommendation = models.CharField(_("Votum"), max_length=20, choices=Recommendation.choices)
    recommended_amount = MoneyField(
        _("empfohlener Betrag"), null=True, blank=True, validators=non_negative()
    )
    no_conflict_of_interest = models.BooleanField(
        _("Ich erkläre, dass kein Interessenkonflikt besteht.")
    )
    weighted_total = models.DecimalField(
        _("gewichtete Gesamtpunktzahl"), max_digits=5, decimal_places=2
    )
    reviewed_at = models.DateTimeField(_("bewertet am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Fachliche Prüfung")
        verbose_name_plural = _("Fachliche Prüfungen")

    def __str__(self) -> str:
        return f"{self.application} – {self.get_recommendation_display()}"


SCORE_MAX = 5


class CriterionScore(models.Model):
    """The score of one criterion (0 to 5 points), in a single review or a juror's vote."""

    criterion = models.ForeignKey(
        "grants.Criterion", verbose_name=_("Kriterium"), on_delete=models.PROTECT
    )
    score = models.PositiveSmallIntegerField(
        _("Punkte"), validators=[MinValueValidator(0), MaxValueValidator(SCORE_MAX)]
    )

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.criterion}: {self.score}"


class ReviewScore(CriterionScore):
    """A score of the single review."""

    review = models.ForeignKey(
        Review, verbose_name=_("Prüfung"), on_delete=models.CASCADE, related_name="scores"
    )

    class Meta:
        verbose_name = _("Bewertung eines Kriteriums")
        verbose_name_plural = _("Bewertungen der Kriterien")
        ordering = ["criterion_id"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="unique_review_score")
        ]


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", _("Bewilligung")
    PARTIAL = "partial", _("Teilbewilligung")
    REJECTED = "rejected", _("Ablehnung")


class Decision(models.Model):
    """Bewilligung, Teilbewilligung or Ablehnung."""

    application = models.OneToOneField(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.CASCADE,
        related_name="decision",
    )
    outcome = models.CharField(_("Entscheidung"), max_length=20, choices=DecisionOutcome.choices)
    approved_amount = MoneyField(_("bewilligter Betrag"), default=Decimal("0.00"))
    reasons = models.TextField(_("Begründung"), blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("entschieden von"), on_delete=models.PROTECT
    )
    decided_at = models.DateTimeField(_("entschieden am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Entscheidung")
        verbose_name_plural = _("Entscheidungen")

    def __str__(self) -> str:
        return f"{self.application} – {self.get_outcome_display()}"


class NoticeKind(models.TextChoices):
    APPROVAL = "approval", _("Zuwendungsbescheid")
    REJECTION = "rejection", _("Ablehnungsbescheid")


def notice_path(instance, filename: str) -> str:
    return f"notices/{instance.application_id}/{instance.kind}-v{instance.version}.pdf"


class DeliveryChannel(models.TextChoices):
    """How a notice reaches the applicant (§ 41 VwVfG)."""

    POST = "post", _("per Post")
    PORTAL = "portal", _("zum Abruf im Portal (§ 41 Abs. 2a VwVfG)")
    HANDOVER = "handover", _("persönlich übergeben")


class Notice(models.Model):
    """A legal notice as a PDF/A document; changes come as new versions."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.PROTECT,
        related_name="notices",
    )
    kind = models.CharField(_("Art"), max_length=20, choices=NoticeKind.choices)
    version = models.PositiveSmallIntegerField(_("Version"), default=1)
    file = models.FileField(_("PDF"), upload_to=notice_path)
    issued_at = models.DateTimeField(_("erlassen am"), auto_now_add=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erlassen von"), on_delete=models.PROTECT
    )
    channel = models.CharField(
        _("Bekanntgabe"),
        max_length=20,
        choices=DeliveryChannel.choices,
        default=DeliveryChannel.POST,
    )
    sent_on = models.DateField(
        _("zur Post gegeben / bereitgestellt / übergeben am"),
        null=True,
        blank=True,
        validators=[validate_day],
    )
    notified_at = models.DateTimeField(_("Benachrichtigung versandt am"), null=True, blank=True)
    retrieved_at = models.DateTimeField(_("abgerufen am"), null=True, blank=True)
    retrieved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("abgerufen von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    provision_ended_on = models.DateField(
        _("Bereitstellung ohne Abruf beendet am"), null=True, blank=True, validators=[validate_day]
    )
    delivered_on = models.DateField(
        _("bekanntgegeben am"), null=True, blank=True, validators=[validate_day]
    )

    class Meta:
        verbose_name = _("Bescheid")
        verbose_name_plural = _("Bescheide")
        ordering = ["application", "version"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "version"], name="unique_notice_version"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version} – {self.application}"

    @property
    def filename(self) -> str:
        reference = self.application.reference or self.application_id
        return f"{self.get_kind_display()}-{reference}-v{self.version}.pdf"
