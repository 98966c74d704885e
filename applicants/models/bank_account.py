from django.db import models
from django.utils.translation import gettext_lazy as _

from applicants.iban import parse_iban, validate_iban


class BankAccount(models.Model):
    """The account the grant is paid to."""

    organisation = models.OneToOneField(
        "applicants.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.CASCADE,
        related_name="bank_account",
    )
    holder = models.CharField(_("Kontoinhaber"), max_length=200)
    iban = models.CharField(_("IBAN"), max_length=34, validators=[validate_iban])
    bic = models.CharField(_("BIC"), max_length=11, blank=True)
    bank_name = models.CharField(_("Bank"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("Bankverbindung")
        verbose_name_plural = _("Bankverbindungen")

    def __str__(self) -> str:
        return self.iban_formatted

    @property
    def iban_formatted(self) -> str:
        return " ".join(self.iban[i : i + 4] for i in range(0, len(self.iban), 4))

    def clean(self):
        if self.iban:
            iban = parse_iban(self.iban)
            self.iban = iban.compact
            self.bic = str(iban.bic or "")
            self.bank_name = iban.bank_name or ""
