"""Filters of the portfolio view (django-filter): which grants the figures are about."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from applicants.models import Organisation
from core.filters import ListedModelChoiceFilter
from core.models import District
from grants.models import Application, Programme, Theme


class OrganisationField(forms.CharField):
    """An organisation by its number (links, the export) or by a part of its name."""

    def clean(self, value):
        value = super().clean(value).strip()
        if value.isdigit() and len(value) <= 18:  # a number the database can hold
            return Organisation.objects.filter(pk=int(value)).first() or value
        return value


class OrganisationFilter(django_filters.CharFilter):
    """A text field, not a list: thousands of organisations with a grant made the page a
    megabyte of options (issue 8)."""

    field_class = OrganisationField

    def filter(self, qs, value):
        if isinstance(value, Organisation):
            return qs.filter(organisation=value)
        return qs.filter(organisation__name__icontains=value) if value else qs


class PortfolioFilter(django_filters.FilterSet):
    # A single choice per relation joins at most one row per grant, so no DISTINCT is needed.
    # A year Python's dates can hold after the time zone is applied: year 0, 1 or 100000
    # would fail in the query instead of in the form.
    year = django_filters.NumberFilter(
        label=_("Jahr der Bewilligung"),
        field_name="decision__decided_at",
        lookup_expr="year",
        min_value=1900,
        max_value=2999,
        decimal_places=0,
    )
    programme = ListedModelChoiceFilter(
        label=_("Förderprogramm"), field_name="call__programme", queryset=Programme.objects.all()
    )
    theme = ListedModelChoiceFilter(
        label=_("Handlungsfeld"), field_name="call__programme__themes", queryset=Theme.objects.all()
    )
    district = ListedModelChoiceFilter(
        label=_("Stadtbezirk"), field_name="districts", queryset=District.objects.all()
    )
    organisation = OrganisationFilter(
        label=_("Organisation"), help_text=_("Name oder ein Teil des Namens")
    )

    class Meta:
        model = Application
        fields = []

    def applied(self) -> list[tuple[str, str]]:
        """The filters in use as (label, value) pairs, for the export's first sheet."""
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return [
            (str(field.label), str(data[name]))
            for name, field in self.form.fields.items()
            if data.get(name) not in (None, "")
        ]
