"""Programmes and calls are managed by the Administration role in the Django admin."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from grants.models import (
    PROCEDURE_FIELDS,
    Application,
    Call,
    CaseProcedure,
    ChangeRequest,
    Criterion,
    Indicator,
    Programme,
    Receipt,
    Report,
    RequiredDocument,
    Theme,
)


class RequiredDocumentInline(admin.TabularInline):
    model = RequiredDocument
    extra = 1


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 1


class IndicatorInline(admin.StackedInline):
    """The programme's indicator catalogue (Wirkungsorientierung)."""

    model = Indicator
    extra = 0
    fields = [
        ("code", "name", "position"),
        "description",
        ("level", "step"),
        ("unit", "aggregation", "direction"),
        ("method", "mandatory", "about_people"),
        "monitoring_field",
    ]


class CallInline(admin.TabularInline):
    model = Call
    extra = 0
    show_change_link = True


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "financing_type",
        "funding_rate",
        "unit_rate",
        "unit_name",
        "max_amount",
        "is_active",
    ]
    list_filter = ["financing_type", "is_active", "themes"]
    search_fields = ["name"]
    filter_horizontal = ["themes", "eligible_districts"]
    inlines = [RequiredDocumentInline, CriterionInline, IndicatorInline, CallInline]
    # The model's clean() refuses combinations that do not fit together (procedure_errors),
    # each message next to its field; a change applies to cases submitted afterwards only.
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "description",
                    "themes",
                    "is_active",
                    "eligible_districts",
                ]
            },
        ),
        (
            _("Finanzierung"),
            {
                "fields": [
                    "financing_type",
                    ("funding_rate", "max_amount"),
                    ("unit_rate", "unit_name"),
                    "max_duration_months",
                    ("requires_interim_report", "final_report_months"),
                ]
            },
        ),
        (
            _("Verfahren"),
            {
                "description": _(
                    "Wie Anträge dieses Programms bearbeitet werden. Jeder Antrag behält das "
                    "Verfahren, das bei seiner Einreichung (oder der Einreichung seiner "
                    "Projektidee) galt; eine Änderung hier gilt nur für spätere Anträge."
                ),
                "fields": [
                    "idea_stage",
                    "review_mode",
                    ("panel_size", "spread_threshold"),
                    "decision_mode",
                    "light_limit",
                    "proof_of_use",
                    "sample_share",
                ],
            },
        ),
    ]


@admin.register(CaseProcedure)
class CaseProcedureAdmin(admin.ModelAdmin):
    """Read-only: the procedure a case was submitted under never changes."""

    list_display = ["pk", "programme", "idea_stage", "review_mode", "decision_mode", "fixed_at"]
    list_filter = ["programme", "decision_mode", "review_mode", "idea_stage", "proof_of_use"]
    list_select_related = ["programme"]
    date_hierarchy = "fixed_at"
    fields = ["programme", "fixed_at", *PROCEDURE_FIELDS]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "opens_on", "closes_on"]
    list_filter = ["programme"]
    date_hierarchy = "opens_on"


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "code"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Read-only view for administrators; cases are worked on in the staff pages."""

    list_display = ["reference", "title", "organisation", "call", "status", "submitted_at"]
    list_filter = ["status", "call__programme"]
    search_fields = ["reference", "title", "organisation__name"]
    list_select_related = ["organisation", "call__programme"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReceiptInline(admin.TabularInline):
    model = Receipt
    extra = 0
    fields = ["number", "date", "payee", "purpose", "amount", "cost_line"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Read-only view of the reports; they are checked in the staff pages."""

    list_display = ["application", "kind", "period_end", "due_on", "status", "submitted_at"]
    list_filter = ["kind", "status", "application__call__programme"]
    search_fields = ["application__reference", "application__title"]
    list_select_related = ["application"]
    date_hierarchy = "due_on"
    inlines = [ReceiptInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ChangeRequest)
class ChangeRequestAdmin(admin.ModelAdmin):
    """Read-only: change requests are decided in the staff pages."""

    list_display = ["application", "status", "requested_at", "new_amount", "new_project_end"]
    list_filter = ["status"]
    list_select_related = ["application"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
