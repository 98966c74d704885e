from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.money import CENT, MoneyField


class PaymentRequestStatus(models.TextChoices):
    REQUESTED = "requested", _("beantragt – sachliche Prüfung")
    FACTUAL_OK = "factual_ok", _("sachlich richtig – rechnerische Prüfung")
    ARITHMETIC_OK = "arithmetic_ok", _("rechnerisch richtig – Anordnung")
    RELEASED = "released", _("angeordnet und ausgezahlt")
    RETURNED = "returned", _("zurückgegeben")


OPEN_PAYMENT_STATUSES = (
    PaymentRequestStatus.REQUESTED,
    PaymentRequestStatus.FACTUAL_OK,
    PaymentRequestStatus.ARITHMETIC_OK,
)


class PaymentRequest(models.Model):
    """Mittelabruf: the applicant asks for an instalment; three people sign it off."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.PROTECT,
        related_name="payment_requests",
    )
    amount = MoneyField(_("Betrag"), validators=[MinValueValidator(CENT)])
    needed_within_two_months = models.BooleanField(
        _("Das Geld wird innerhalb von zwei Monaten nach der Auszahlung ausgegeben.")
    )
    purpose = models.TextField(_("Wofür wird das Geld gebraucht?"), blank=True)
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=PaymentRequestStatus.choices,
        default=PaymentRequestStatus.REQUESTED,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angefordert von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("angefordert am"), auto_now_add=True)
    factual_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sachlich richtig"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    factual_at = models.DateTimeField(_("sachlich richtig am"), null=True, blank=True)
    arithmetic_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("rechnerisch richtig"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    arithmetic_at = models.DateTimeField(_("rechnerisch richtig am"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angeordnet von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    released_at = models.DateTimeField(_("angeordnet am"), null=True, blank=True)
    payout_date = models.DateField(
        _("Auszahlungstag"), null=True, blank=True, validators=[validate_day]
    )
    spend_by = models.DateField(
        _("zu verwenden bis"), null=True, blank=True, validators=[validate_day]
    )
    # The account as it stood at the release: a later change never redirects this payout.
    payee_holder = models.CharField(_("Kontoinhaber bei Anordnung"), max_length=200, blank=True)
    payee_iban = models.CharField(_("IBAN bei Anordnung"), max_length=34, blank=True)
    payee_bic = models.CharField(_("BIC bei Anordnung"), max_length=11, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zurückgegeben von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    returned_reason = models.TextField(_("Grund der Rückgabe"), blank=True)

    class Meta:
        verbose_name = _("Mittelabruf")
        verbose_name_plural = _("Mittelabrufe")
        ordering = ["application", "requested_at", "pk"]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.application} – {self.amount}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_PAYMENT_STATUSES

    @property
    def payee_iban_formatted(self) -> str:
        """The IBAN stored at the release in groups of four (empty before the release)."""
        return " ".join(self.payee_iban[i : i + 4] for i in range(0, len(self.payee_iban), 4))
