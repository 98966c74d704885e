"""The filters of the transparency page (django-filter); the choices offer only what is
published."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import ListedModelChoiceFilter
from core.models import District
from grants.models import Application, Programme


class PublishedGrantFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(
        label=_("Jahr der Bewilligung"),
        field_name="decision__decided_at__year",
        empty_label=_("alle Jahre"),
    )
    programme = ListedModelChoiceFilter(
        label=_("Förderprogramm"),
        field_name="call__programme",
        queryset=Programme.objects.none(),
        empty_label=_("alle Förderprogramme"),
    )
    district = ListedModelChoiceFilter(
        label=_("Stadtbezirk"),
        field_name="districts",
        queryset=District.objects.order_by("number"),
        empty_label=_("alle Stadtbezirke"),
    )

    class Meta:
        model = Application
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        published = self.queryset.order_by()
        years = published.datetimes("decision__decided_at", "year", order="DESC")
        self.filters["year"].extra["choices"] = [(str(day.year), str(day.year)) for day in years]
        self.filters["programme"].queryset = Programme.objects.filter(
            calls__applications__in=published.values("pk")
        ).distinct()

    @property
    def qs(self):
        """No grants for an invalid choice (a year without grants), never silently all."""
        if self.is_bound and not self.is_valid():
            return self.queryset.none()
        return super().qs
