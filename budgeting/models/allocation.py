from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.formatting import format_euro
from core.money import MoneyField


class BudgetAllocation(models.Model):
    """The budget check's plan: how much of an application a budget line is to carry."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.PROTECT,
        related_name="budget_allocations",
    )
    budget_line = models.ForeignKey(
        "budgeting.BudgetLine",
        verbose_name=_("Haushaltsstelle"),
        on_delete=models.PROTECT,
        related_name="allocations",
    )
    amount = MoneyField(_("Betrag"), validators=[MinValueValidator(Decimal("0.01"))])
    planned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("geplant von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    planned_at = models.DateTimeField(_("geplant am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Mittelplanung")
        verbose_name_plural = _("Mittelplanungen")
        ordering = ["application", "budget_line"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "budget_line"],
                name="budgeting_allocation_unique_line",
                violation_error_message=_("Jede Haushaltsstelle darf nur einmal vorkommen."),
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0),
                name="budgeting_allocation_amount_positive",
                violation_error_message=_("Der Betrag muss positiv sein."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.budget_line}: {format_euro(self.amount)}"
