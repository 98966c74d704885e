"""The grants that are published (transparency page and 360Giving), read in a fixed number of
queries whatever their number.

Published: approved in full or in part, the applicant consented to publication, and never
revoked. A revoked grant leaves the list even after its refund closed the case (status
"closed"): the revocation in the audit log decides, not only the current status.
"""

from django.db import models
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Subquery, Sum, Value
from django.db.models.functions import Cast, Coalesce

from budgeting.models import LedgerEntryKind
from budgeting.models.line import amount_field, ledger_sum
from budgeting.opendata.filters import PublishedGrantFilter
from core.models import AuditEntry, District
from core.money import ZERO
from grants.models import (
    Application,
    ApplicationStatus,
    ChangeRequest,
    ChangeRequestStatus,
    DecisionOutcome,
)

PUBLISHED_STATUSES = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.FINAL,
    ApplicationStatus.SETTLED,
    ApplicationStatus.CLOSED,
)
REVOKED_ACTION = "grants.application.revoked"


def published_applications() -> models.QuerySet[Application]:
    """Applications that may be published, without the figures."""
    revoked = AuditEntry.objects.filter(
        action=REVOKED_ACTION,
        object_type=Application._meta.label_lower,
        object_id=Cast(OuterRef("pk"), models.CharField()),
    )
    return Application.objects.filter(
        status__in=PUBLISHED_STATUSES,
        publication_consent=True,
        reference__isnull=False,
        decision__outcome__in=(DecisionOutcome.APPROVED, DecisionOutcome.PARTIAL),
    ).exclude(Exists(revoked))


def awarded_amount():
    """The grant as decided: the decision's amount, or that of the latest approved
    Änderungsbescheid that changed the amount."""
    latest_change = (
        ChangeRequest.objects.filter(
            application=OuterRef("pk"),
            status=ChangeRequestStatus.APPROVED,
            new_amount__isnull=False,
        )
        .order_by("-decided_at", "-pk")
        .values("new_amount")[:1]
    )
    return Coalesce(
        Subquery(latest_change, output_field=amount_field()),
        F("decision__approved_amount"),
        output_field=amount_field(),
    )


def published_grants() -> models.QuerySet[Application]:
    """The published grants with `awarded`, `paid` and `refunded`, newest award first
    (two queries: the rows, and their districts)."""
    return (
        published_applications()
        .select_related("organisation", "call__programme", "decision")
        .prefetch_related(Prefetch("districts", queryset=District.objects.order_by("number")))
        .annotate(
            awarded=awarded_amount(),
            paid=ledger_sum(LedgerEntryKind.PAYOUT, per="application"),
            refunded=ledger_sum(LedgerEntryKind.REFUND, per="application"),
        )
        .order_by("-decision__decided_at", "-pk")
    )


def published_grant_filter(params) -> PublishedGrantFilter:
    """The published grants as the transparency page's filter (year, programme, district)
    narrows them."""
    return PublishedGrantFilter(params, queryset=published_grants())


def published_totals(grants: models.QuerySet[Application]) -> dict:
    """Count and sum awarded of the (filtered) grants, in one query."""
    totals = grants.order_by().aggregate(
        count=Count("pk"),
        awarded_total=Coalesce(
            Sum("awarded", output_field=amount_field()), Value(ZERO), output_field=amount_field()
        ),
    )
    return totals
