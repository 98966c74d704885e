"""Filters of the finance dashboard (django-filter)."""

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from budgeting.models import (
    BudgetLine,
    FundingSource,
    FundingSourceKind,
    PaymentRequest,
    PaymentRequestStatus,
)
from core.filters import ListedModelChoiceFilter
from grants.models import Programme


class BudgetLineFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Haushaltsjahr"))
    programme = ListedModelChoiceFilter(label=_("Förderprogramm"), queryset=Programme.objects.all())
    source = ListedModelChoiceFilter(
        label=_("Finanzierungsquelle"), queryset=FundingSource.objects.all()
    )
    kind = django_filters.ChoiceFilter(
        label=_("Art der Quelle"), field_name="source__kind", choices=FundingSourceKind.choices
    )
    produkt = django_filters.CharFilter(label=_("Produkt"), lookup_expr="startswith")
    kostenstelle = django_filters.CharFilter(label=_("Kostenstelle"), lookup_expr="startswith")
    sachkonto = django_filters.CharFilter(label=_("Sachkonto"), lookup_expr="startswith")

    class Meta:
        model = BudgetLine
        fields = []


def default_year() -> int:
    return timezone.localdate().year


class PaymentRequestFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Stand"), choices=PaymentRequestStatus.choices)
    programme = ListedModelChoiceFilter(
        label=_("Förderprogramm"),
        field_name="application__call__programme",
        queryset=Programme.objects.all(),
    )
    requested_from = django_filters.DateFilter(
        label=_("angefordert ab"), field_name="requested_at__date", lookup_expr="gte"
    )
    requested_to = django_filters.DateFilter(
        label=_("angefordert bis"), field_name="requested_at__date", lookup_expr="lte"
    )

    class Meta:
        model = PaymentRequest
        fields = []
