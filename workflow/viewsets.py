"""Finanzen maintain funding sources and budget lines in the staff pages (viewflow CRUD,
guarded by the model permissions of the role)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.urls import ModelViewset

from budgeting.models import BudgetLine, FundingSource


class FundingSourceForm(forms.ModelForm):
    class Meta:
        model = FundingSource
        fields = ["name", "kind", "contact_name", "contact_email", "notes"]


class BudgetLineForm(forms.ModelForm):
    class Meta:
        model = BudgetLine
        fields = [
            "year",
            "programme",
            "source",
            "produkt",
            "kostenstelle",
            "sachkonto",
            "appropriation",
            "blocked",
            "future_authorisation",
        ]


class FundingSourceViewset(ModelViewset):
    model = FundingSource
    title = _("Finanzierungsquellen")
    icon = "savings"
    list_columns = ("name", "kind", "contact_name", "contact_email")
    form_class = FundingSourceForm


class BudgetLineViewset(ModelViewset):
    model = BudgetLine
    queryset = BudgetLine.objects.select_related("programme", "source")  # the list's columns
    title = _("Haushaltsstellen")
    icon = "table_rows"
    list_columns = (
        "year",
        "programme",
        "source",
        "produkt",
        "kostenstelle",
        "sachkonto",
        "appropriation",
        "blocked",
    )
    list_filter_fields = ("year", "source", "programme")
    form_class = BudgetLineForm
