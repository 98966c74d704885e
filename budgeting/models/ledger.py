from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.formatting import format_euro
from core.models.append_only import AppendOnlyModel
from core.money import MoneyField


class LedgerEntryKind(models.TextChoices):
    """What a money movement is; the kind gives the sign, the amount is always positive."""

    COMMITMENT = "commitment", _("Mittelbindung")
    RELEASE = "release", _("Aufhebung einer Bindung")
    PAYOUT = "payout", _("Auszahlung")
    REFUND = "refund", _("Rückzahlung")
    COFUNDING = "cofunding", _("Eingang von Drittmitteln")
    CARRY_OUT = "carry_out", _("Übertragung ins Folgejahr")
    CARRY_IN = "carry_in", _("Übertragung aus dem Vorjahr")


class LedgerEntry(AppendOnlyModel):
    """One money movement on a budget line; never changed, corrections are new entries."""

    budget_line = models.ForeignKey(
        "budgeting.BudgetLine",
        verbose_name=_("Haushaltsstelle"),
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    kind = models.CharField(_("Buchungsart"), max_length=20, choices=LedgerEntryKind.choices)
    amount = MoneyField(_("Betrag"), validators=[MinValueValidator(Decimal("0.01"))])
    booked_at = models.DateTimeField(_("gebucht am"), auto_now_add=True, db_index=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebucht von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    note = models.TextField(_("Vermerk"), blank=True)
    pledge = models.ForeignKey(
        "budgeting.CoFundingPledge",
        verbose_name=_("Zusage"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )
    payment_request = models.ForeignKey(
        "budgeting.PaymentRequest",
        verbose_name=_("Mittelabruf"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ledger_entries",
    )

    class Meta:
        verbose_name = _("Buchung")
        verbose_name_plural = _("Buchungen")
        ordering = ["booked_at", "pk"]
        indexes = [models.Index(fields=["budget_line", "kind"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="budgeting_ledgerentry_amount_positive",
                violation_error_message=_("Der Betrag einer Buchung muss positiv sein."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {format_euro(self.amount)}"
