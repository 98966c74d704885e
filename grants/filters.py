"""Filters of the staff application list (django-filter)."""

import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import ListedModelChoiceFilter
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
    programme = ListedModelChoiceFilter(
        label=_("Förderprogramm"), field_name="call__programme", queryset=Programme.objects.all()
    )
    call = ListedModelChoiceFilter(
        label=_("Förderaufruf"), queryset=Call.objects.select_related("programme")
    )
    status = django_filters.ChoiceFilter(label=_("Stand"), choices=ApplicationStatus.choices)
    district = ListedModelChoiceFilter(
        label=_("Stadtbezirk"), field_name="districts", queryset=District.objects.all()
    )
    theme = ListedModelChoiceFilter(
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
        """Reference, title or organisation: a union of three lookups, each of which
        PostgreSQL answers from its trigram index (grants migration 0010), where an OR across
        the join to the organisations would read every application."""
        return queryset.filter(pk__in=search_matches(value))


def search_matches(value: str):
    found = Application.objects.order_by().values("pk")
    return found.filter(reference__icontains=value).union(
        found.filter(title__icontains=value), found.filter(organisation__name__icontains=value)
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
    programme = ListedModelChoiceFilter(
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
