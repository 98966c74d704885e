"""Budget master data for Finanzen and Administration; the ledger is read-only here."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

# Administration's page of the retention periods registers itself.
import budgeting.privacy.admin  # noqa: F401
from budgeting.models import (
    BaseRate,
    BudgetAllocation,
    BudgetLine,
    CoFundingPledge,
    FundingSource,
    LedgerEntry,
)
from budgeting.services.cofunding import pledge_record
from core.formatting import format_euro


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows written only by the budget services; the admin shows them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(FundingSource)
class FundingSourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "contact_name", "contact_email"]
    list_filter = ["kind"]
    search_fields = ["name", "contact_name"]


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = [
        "year",
        "programme",
        "source",
        "produkt",
        "kostenstelle",
        "sachkonto",
        "appropriation",
        "committed",
        "free",
    ]
    list_filter = ["year", "source", "programme"]
    search_fields = ["produkt", "kostenstelle", "sachkonto", "programme__name", "source__name"]
    list_select_related = ["programme", "source"]

    def get_queryset(self, request):
        return super().get_queryset(request).with_amounts()

    @admin.display(description=_("gebunden"), ordering="committed")
    def committed(self, line):
        return format_euro(line.committed)

    @admin.display(description=_("frei"), ordering="free")
    def free(self, line):
        return format_euro(line.free)


@admin.register(LedgerEntry)
class LedgerEntryAdmin(ReadOnlyAdmin):
    list_display = ["booked_at", "kind", "amount", "budget_line", "application", "booked_by"]
    list_filter = ["kind", "budget_line__year", "budget_line__source"]
    list_select_related = [
        "budget_line__programme",
        "budget_line__source",
        "application",
        "booked_by",
    ]
    date_hierarchy = "booked_at"


@admin.register(BudgetAllocation)
class BudgetAllocationAdmin(ReadOnlyAdmin):
    list_display = ["application", "budget_line", "amount", "planned_by", "planned_at"]
    list_filter = ["budget_line__year", "budget_line__source"]
    list_select_related = [
        "application",
        "budget_line__programme",
        "budget_line__source",
        "planned_by",
    ]


@admin.register(BaseRate)
class BaseRateAdmin(admin.ModelAdmin):
    """Basiszinssatz for the interest on refunds; staff add each new half-year's rate."""

    list_display = ["valid_from", "rate", "source", "notes"]
    search_fields = ["source", "notes"]
    ordering = ["-valid_from"]


@admin.register(CoFundingPledge)
class CoFundingPledgeAdmin(admin.ModelAdmin):
    """Finanzen record the pledges; the money received is booked on the co-funder page."""

    list_display = ["source", "budget_line", "amount", "pledged_on"]
    list_filter = ["source"]
    list_select_related = ["source", "budget_line__programme", "budget_line__source"]
    raw_id_fields = ["budget_line"]
    readonly_fields = ["created_by"]

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        """New pledges go through the service (checks and audit); they are not edited."""
        saved = pledge_record(
            source=obj.source,
            budget_line=obj.budget_line,
            amount=obj.amount,
            pledged_on=obj.pledged_on,
            conditions=obj.conditions,
            user=request.user,
        )
        if obj.letter:
            saved.letter = obj.letter
            saved.save(update_fields=["letter"])
        obj.pk = saved.pk
