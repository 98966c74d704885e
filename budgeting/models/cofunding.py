from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.money import CENT, MoneyField


def pledge_letter_path(instance, filename: str) -> str:
    return f"pledges/{instance.source_id}/{filename}"


class CoFundingPledge(models.Model):
    """Zusage: a foundation or the Land pays into the city's programme, earmarked for a line."""

    source = models.ForeignKey(
        "budgeting.FundingSource",
        verbose_name=_("Geldgeber"),
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    budget_line = models.ForeignKey(
        "budgeting.BudgetLine",
        verbose_name=_("zweckgebunden für die Haushaltsstelle"),
        on_delete=models.PROTECT,
        related_name="pledges",
    )
    amount = MoneyField(_("zugesagt"), validators=[MinValueValidator(CENT)])
    pledged_on = models.DateField(_("Zusage vom"), validators=[validate_day])
    conditions = models.TextField(_("Bedingungen"), blank=True)
    letter = models.FileField(_("Zusageschreiben"), upload_to=pledge_letter_path, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Zusage eines Kofinanzierers")
        verbose_name_plural = _("Zusagen der Kofinanzierer")
        ordering = ["source", "pledged_on", "pk"]

    def __str__(self) -> str:
        return f"{self.source} – {self.amount}"
