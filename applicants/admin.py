from django.contrib import admin

from applicants.models import BankAccount, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class BankAccountInline(admin.StackedInline):
    """Shown, never edited here: a new account goes through a confirmed change (applicants.bank),
    which is audited; an edit in the admin would redirect payouts without either."""

    model = BankAccount
    extra = 0
    can_delete = False
    readonly_fields = ["holder", "iban", "bic", "bank_name"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "district", "is_nonprofit", "created_at"]
    list_filter = ["legal_form", "district", "is_nonprofit"]
    search_fields = ["name", "register_number", "contact_email"]
    list_select_related = ["district"]
    inlines = [BankAccountInline, MembershipInline]
