from django.contrib import admin

from applicants.models import BankAccount, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


class BankAccountInline(admin.StackedInline):
    model = BankAccount
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "legal_form", "district", "is_nonprofit", "created_at"]
    list_filter = ["legal_form", "district", "is_nonprofit"]
    search_fields = ["name", "register_number", "contact_email"]
    list_select_related = ["district"]
    inlines = [BankAccountInline, MembershipInline]
