"""Filters of the staff application list (django-filter)."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import District
from grants.models import (
    GRANTED_STATUSES,
    Application,
    ApplicationStatus,
    Call,
    Programme,
    Report,
    ReportKind,
    ReportStatus,
    Theme,
)


class ApplicationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suche (Aktenzeichen, Titel, Organisation)"), method="search"
    )
    programme = django_filters.ModelChoiceFilter(
        label=_("Förderprogramm"), field_name="call__programme", queryset=Programme.objects.all()
    )
    call = django_filters.ModelChoiceFilter(
        label=_("Förderaufruf"), queryset=Call.objects.select_related("programme")
    )
    status = django_filters.ChoiceFilter(label=_("Stand"), choices=ApplicationStatus.choices)
    district = django_filters.ModelChoiceFilter(
        label=_("Stadtbezirk"), field_name="districts", queryset=District.objects.all()
    )
    theme = django_filters.ModelChoiceFilter(
        label=_("Handlungsfeld"), field_name="call__programme__themes", queryset=Theme.objects.all()
    )
    amount_min = django_filters.NumberFilter(
        label=_("beantragt ab (Euro)"), field_name="requested_amount", lookup_expr="gte"
    )
    amount_max = django_filters.NumberFilter(
        label=_("beantragt bis (Euro)"), field_name="requested_amount", lookup_expr="lte"
    )
    submitted_from = django_filters.DateFilter(
        label=_("eingereicht ab"), field_name="submitted_at__date", lookup_expr="gte"
    )
    submitted_to = django_filters.DateFilter(
        label=_("eingereicht bis"), field_name="submitted_at__date", lookup_expr="lte"
    )

    class Meta:
        model = Application
        fields = []

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(title__icontains=value)
            | Q(organisation__name__icontains=value)
        )


class GrantFilter(ApplicationFilter):
    """The staff list of grants: the application filters, by decision date instead."""

    status = django_filters.ChoiceFilter(
        label=_("Stand"),
        choices=[(status.value, status.label) for status in GRANTED_STATUSES],
    )
    submitted_from = submitted_to = None
    decided_from = django_filters.DateFilter(
        label=_("bewilligt ab"), field_name="decision__decided_at__date", lookup_expr="gte"
    )
    decided_to = django_filters.DateFilter(
        label=_("bewilligt bis"), field_name="decision__decided_at__date", lookup_expr="lte"
    )

    class Meta(ApplicationFilter.Meta):
        pass


class ReportFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Stand"), choices=ReportStatus.choices)
    kind = django_filters.ChoiceFilter(label=_("Art"), choices=ReportKind.choices)
    programme = django_filters.ModelChoiceFilter(
        label=_("Förderprogramm"),
        field_name="application__call__programme",
        queryset=Programme.objects.all(),
    )
    due_from = django_filters.DateFilter(
        label=_("fällig ab"), field_name="due_on", lookup_expr="gte"
    )
    due_to = django_filters.DateFilter(
        label=_("fällig bis"), field_name="due_on", lookup_expr="lte"
    )

    class Meta:
        model = Report
        fields = []
