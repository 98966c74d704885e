from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.money import CENT, MoneyField, non_negative


class GrantSettlement(models.Model):
    """Schlussfestsetzung: the final grant computed from the accepted Verwendungsnachweis."""

    application = models.OneToOneField(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.PROTECT,
        related_name="settlement",
    )
    approved = MoneyField(_("bewilligt (H)"), validators=non_negative())
    final_grant = MoneyField(_("festgesetzte Zuwendung (Z)"), validators=non_negative())
    paid = MoneyField(_("ausgezahlt"), validators=non_negative())
    refund = MoneyField(_("Rückforderung"), validators=non_negative())
    remaining_payable = MoneyField(_("noch auszuzahlen"), validators=non_negative())
    steps = models.JSONField(_("Rechenweg"), encoder=DjangoJSONEncoder)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("festgesetzt von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    settled_at = models.DateTimeField(_("festgesetzt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Schlussfestsetzung")
        verbose_name_plural = _("Schlussfestsetzungen")

    def __str__(self) -> str:
        return f"{self.application} – {self.final_grant}"


class RefundReason(models.TextChoices):
    SETTLEMENT = "settlement", _("Schlussfestsetzung")
    REVOCATION = "revocation", _("Widerruf")
    LATE_USE_INTEREST = "late_use", _("Zinsen für nicht rechtzeitig verwendete Mittel")


# Claims of interest only: money paid on them is income of the city, like the interest part of
# any repayment, not grant money flowing back to the budget lines (a "Rückfluss").
INTEREST_ONLY_REASONS = (RefundReason.LATE_USE_INTEREST,)


class RefundStatus(models.TextChoices):
    OPEN = "open", _("offen")
    SETTLED = "settled", _("erledigt")
    WAIVED = "waived", _("niedergeschlagen (Kleinbetrag)")


def refund_notice_path(instance, filename: str) -> str:
    return f"refunds/{instance.application_id}/rueckforderung-{instance.pk}.pdf"


class RefundClaim(models.Model):
    """Rückforderung: money to be paid back, with interest by § 49a Abs. 3 VwVfG."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.PROTECT,
        related_name="refund_claims",
    )
    reason = models.CharField(_("Anlass"), max_length=20, choices=RefundReason.choices)
    explanation = models.TextField(_("Begründung"))
    amount = MoneyField(_("Rückforderungsbetrag"), validators=[MinValueValidator(CENT)])
    interest_from = models.DateField(_("Zinsen ab"), validators=[validate_day])
    bears_interest = models.BooleanField(
        _("wird verzinst"),
        default=True,
        help_text=_("Eine Zinsforderung selbst trägt keine Zinsen (§ 289 BGB)."),
    )
    due_on = models.DateField(_("zu zahlen bis"), validators=[validate_day])
    status = models.CharField(
        _("Stand"), max_length=20, choices=RefundStatus.choices, default=RefundStatus.OPEN
    )
    notice_file = models.FileField(_("Rückforderungsbescheid"), upload_to=refund_notice_path)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    closed_at = models.DateTimeField(_("erledigt am"), null=True, blank=True)
    waiver_reason = models.TextField(_("Grund der Niederschlagung"), blank=True)

    class Meta:
        verbose_name = _("Rückforderung")
        verbose_name_plural = _("Rückforderungen")
        ordering = ["application", "created_at", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.application} – {self.amount}"

    @property
    def returns_grant_money(self) -> bool:
        """Whether money paid on the claim flows back to the budget lines."""
        return self.reason not in INTEREST_ONLY_REASONS


class Repayment(models.Model):
    """A payment received on a refund claim (partial payments too)."""

    claim = models.ForeignKey(
        RefundClaim,
        verbose_name=_("Rückforderung"),
        on_delete=models.PROTECT,
        related_name="repayments",
    )
    amount = MoneyField(_("Betrag"), validators=[MinValueValidator(CENT)])
    principal = MoneyField(_("davon Hauptforderung"), validators=non_negative())
    interest = MoneyField(_("davon Zinsen"), validators=non_negative())
    received_on = models.DateField(_("eingegangen am"), validators=[validate_day])
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Zahlungseingang")
        verbose_name_plural = _("Zahlungseingänge")
        ordering = ["claim", "received_on", "pk"]

    def __str__(self) -> str:
        return f"{self.claim} – {self.amount}"


class LateUseInterestDecision(models.TextChoices):
    CLAIMED = "claimed", _("geltend gemacht")
    WAIVED = "waived", _("nicht geltend gemacht")


class LateUseInterest(models.Model):
    """Interest for money not used within two months of its payout (§ 49a Abs. 4 VwVfG),
    computed in the check of the Verwendungsnachweis and claimed or waived by staff."""

    report = models.OneToOneField(
        "grants.Report",
        verbose_name=_("Nachweis"),
        on_delete=models.PROTECT,
        related_name="late_use_interest",
    )
    amount = MoneyField(_("Zinsbetrag"), validators=non_negative())
    steps = models.JSONField(_("Rechenweg"), encoder=DjangoJSONEncoder)
    decision = models.CharField(
        _("Entscheidung"), max_length=20, choices=LateUseInterestDecision.choices
    )
    waiver_reason = models.TextField(_("Grund für den Verzicht"), blank=True)
    refund_claim = models.OneToOneField(
        RefundClaim,
        verbose_name=_("Zinsforderung"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="late_use_interest",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entschieden von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("entschieden am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Zinsen nach § 49a Abs. 4 VwVfG")
        verbose_name_plural = _("Zinsen nach § 49a Abs. 4 VwVfG")

    def __str__(self) -> str:
        return f"{self.report} – {self.amount}"
