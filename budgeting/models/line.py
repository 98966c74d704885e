from decimal import Decimal

from django.db import models
from django.db.models import F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from core.dates import validate_year
from core.money import MoneyField, non_negative, round_money
from grants.models import ApplicationStatus

from .allocation import BudgetAllocation
from .cofunding import CoFundingPledge
from .ledger import LedgerEntry, LedgerEntryKind


class ComputedAmountField(models.DecimalField):
    """DecimalField(14, 2) for amounts computed in SQL, rounded to cents when read.

    SQLite sums and subtracts decimals as floats and Django quantizes only plain columns,
    so 1,234.86 − 1,234.56 would come back as 0.299999999999955 without this.
    """

    def __init__(self, *args, **kwargs):
        kwargs.update(max_digits=14, decimal_places=2)
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        if value is None:
            return None
        return round_money(value if isinstance(value, Decimal) else str(value))


def amount_field() -> models.DecimalField:
    return ComputedAmountField()


def ledger_sum(kind: str, *, per: str = "budget_line", **filters) -> Coalesce:
    """The sum of the ledger entries of one kind per outer row (a budget line, or with
    per="application" an application), as a correlated subquery (0 if none)."""
    entries = (
        LedgerEntry.objects.filter(**{per: OuterRef("pk")}, kind=kind, **filters)
        .order_by()
        .values(per)
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(
        Subquery(entries, output_field=amount_field()),
        Value(Decimal("0.00")),
        output_field=amount_field(),
    )


def net_committed(*, per: str = "budget_line", **filters):
    """Commitments minus releases per line (or application), optionally narrowed further."""
    return models.ExpressionWrapper(
        ledger_sum(LedgerEntryKind.COMMITMENT, per=per, **filters)
        - ledger_sum(LedgerEntryKind.RELEASE, per=per, **filters),
        output_field=amount_field(),
    )


def _zero_if_none(expression):
    return Coalesce(expression, Value(Decimal("0.00")), output_field=amount_field())


# Applications whose budget check is done but whose decision is open: the pipeline.
PIPELINE_STATUSES = (ApplicationStatus.IN_REVIEW, ApplicationStatus.AWAITING_DECISION)


class BudgetLineQuerySet(models.QuerySet):
    def with_amounts(self):
        """Annotate from the ledger `carry_over` (from the year before), `carried_forward` (into
        the next year), their difference `carry_over_net`, `committed`, and `available`
        (Ansatz + Übertragung aus dem Vorjahr − ins Folgejahr übertragen − gesperrt) and `free`
        (available − committed)."""
        return (
            self.annotate(
                carry_over=ledger_sum(LedgerEntryKind.CARRY_IN),
                carried_forward=ledger_sum(LedgerEntryKind.CARRY_OUT),
                committed=net_committed(),
            )
            .annotate(
                carry_over_net=models.ExpressionWrapper(
                    F("carry_over") - F("carried_forward"), output_field=amount_field()
                ),
            )
            .annotate(
                available=models.ExpressionWrapper(
                    F("appropriation") + F("carry_over_net") - F("blocked"),
                    output_field=amount_field(),
                ),
            )
            .annotate(
                free=models.ExpressionWrapper(
                    F("available") - F("committed"), output_field=amount_field()
                )
            )
        )

    def with_sheet_figures(self):
        """Everything the budget sheet shows per line, in one query (DOMAIN.md budget sheet)."""
        pipeline = (
            BudgetAllocation.objects.filter(
                budget_line=OuterRef("pk"), application__status__in=PIPELINE_STATUSES
            )
            .order_by()
            .values("budget_line")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        pledged = (
            CoFundingPledge.objects.filter(budget_line=OuterRef("pk"))
            .order_by()
            .values("budget_line")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return self.with_amounts().annotate(
            pipeline=_zero_if_none(Subquery(pipeline, output_field=amount_field())),
            paid=ledger_sum(LedgerEntryKind.PAYOUT),
            refunds=ledger_sum(LedgerEntryKind.REFUND),
            cofunding_pledged=_zero_if_none(Subquery(pledged, output_field=amount_field())),
            cofunding_received=ledger_sum(LedgerEntryKind.COFUNDING),
        )


class BudgetLine(models.Model):
    """Haushaltsstelle: fiscal year × programme × funding source × NKF coding."""

    year = models.PositiveSmallIntegerField(_("Haushaltsjahr"), validators=[validate_year])
    programme = models.ForeignKey(
        "grants.Programme",
        verbose_name=_("Förderprogramm"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    source = models.ForeignKey(
        "budgeting.FundingSource",
        verbose_name=_("Finanzierungsquelle"),
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    produkt = models.CharField(_("Produkt"), max_length=30)
    kostenstelle = models.CharField(_("Kostenstelle"), max_length=20)
    sachkonto = models.CharField(_("Sachkonto"), max_length=20)
    appropriation = MoneyField(_("Ansatz"), validators=non_negative())
    blocked = MoneyField(_("gesperrt"), default=Decimal("0.00"), validators=non_negative())
    future_authorisation = MoneyField(
        _("Verpflichtungsermächtigung für Folgejahre"),
        default=Decimal("0.00"),
        validators=non_negative(),
    )

    objects = BudgetLineQuerySet.as_manager()

    class Meta:
        verbose_name = _("Haushaltsstelle")
        verbose_name_plural = _("Haushaltsstellen")
        ordering = ["-year", "programme__name", "source__name", "produkt", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "programme", "source", "produkt", "kostenstelle", "sachkonto"],
                name="budgeting_budgetline_unique_coding",
            )
        ]

    def __str__(self) -> str:
        return line_label(
            self.year,
            self.programme,
            self.source,
            self.produkt,
            self.kostenstelle,
            self.sachkonto,
        )


def line_label(year, programme, source, produkt, kostenstelle, sachkonto) -> str:
    """How a budget line is named everywhere (also where only its columns were read)."""
    return f"{year} · {programme} · {source} · {produkt} / {kostenstelle} / {sachkonto}"
