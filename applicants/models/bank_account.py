from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.iban import parse_iban, validate_iban
from core.sepa import sepa_text


def clean_account(account) -> None:
    """Holder in the SEPA character set, IBAN compact, BIC and bank from the IBAN (the holder
    goes to the bank as it is stored, so nothing else may reach the column)."""
    if account.holder:  # an empty holder is refused by the field itself
        account.holder = sepa_text(account.holder)
        if not account.holder:
            raise ValidationError({"holder": holder_refusal()})
    if account.iban:
        iban = parse_iban(account.iban)
        account.iban = iban.compact
        account.bic = str(iban.bic or "")
        account.bank_name = iban.bank_name or ""


def holder_refusal() -> str:
    return _(
        "Bitte geben Sie den Kontoinhaber in lateinischen Buchstaben an, so wie ihn die Bank führt."
    )


class AccountDetails(models.Model):
    """Holder, IBAN, BIC and bank: the account on record and a change asked for alike."""

    holder = models.CharField(_("Kontoinhaber"), max_length=200)
    iban = models.CharField(_("IBAN"), max_length=34, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("Bank"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def iban_formatted(self) -> str:
        return " ".join(self.iban[i : i + 4] for i in range(0, len(self.iban), 4))

    def clean(self):
        clean_account(self)


class BankAccount(AccountDetails):
    """The account the grant is paid to."""

    organisation = models.OneToOneField(
        "applicants.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="bank_account",
    )

    class Meta:
        verbose_name = _("Bankverbindung")
        verbose_name_plural = _("Bankverbindungen")

    def __str__(self) -> str:
        return self.iban_formatted


class BankAccountChangeStatus(models.TextChoices):
    PENDING = "pending", _("wartet auf Bestätigung")
    CONFIRMED = "confirmed", _("bestätigt")
    REJECTED = "rejected", _("abgelehnt")


class ConfirmationVia(models.TextChoices):
    CO_ADMIN = "co_admin", _("zweite Person der Organisationsverwaltung")
    CALLBACK = "callback", _("Mitarbeiter/in der Stadt nach Rückruf")


class BankAccountChange(AccountDetails):
    """A new account asked for by the applicant: usable for payouts only once confirmed.

    Payment diversion is the classic attack on grant systems, so the organisation's
    `BankAccount` changes only when a second administrator of the organisation, or staff after
    a call back on a known number, confirm the change (DOMAIN.md, bank details)."""

    organisation = models.ForeignKey(
        "applicants.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="bank_account_changes",
    )
    status = models.CharField(
        _("Stand"),
        max_length=20,
        choices=BankAccountChangeStatus.choices,
        default=BankAccountChangeStatus.PENDING,
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beantragt von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("beantragt am"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("bestätigt oder abgelehnt von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("bestätigt oder abgelehnt am"), null=True, blank=True)
    confirmed_via = models.CharField(
        _("bestätigt durch"), max_length=20, choices=ConfirmationVia.choices, blank=True
    )
    callback_note = models.TextField(
        _("Vermerk zum Rückruf"),
        blank=True,
        help_text=_("Wen haben Sie unter welcher bekannten Nummer wann erreicht?"),
    )

    class Meta:
        verbose_name = _("Änderung der Bankverbindung")
        verbose_name_plural = _("Änderungen der Bankverbindung")
        ordering = ["organisation", "-requested_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(status="pending"),
                name="one_pending_bank_account_change",
            )
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.iban}"

    @property
    def is_pending(self) -> bool:
        return self.status == BankAccountChangeStatus.PENDING
