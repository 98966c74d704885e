"""Reads of the grants app."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.utils import timezone

from grants.filters import ApplicationFilter, ReportFilter
from grants.models import (
    Application,
    ApplicationIndicator,
    ApplicationStatus,
    Attachment,
    Call,
    Notice,
    Report,
)


def applications_of_organisation(organisation):
    """The organisation's applications for the portal list (a fixed number of queries)."""
    return Application.objects.filter(organisation=organisation).with_list_data()


def application_for_member(user, pk: int) -> Application:
    """An application of one of the user's organisations, or 404."""
    queryset = (
        Application.objects.for_member(user)
        .select_related("call__programme", "organisation", "submitted_by", "decision")
        .prefetch_related(
            "districts",
            "cost_lines",
            "financing_lines",
            "call__programme__required_documents",
            "call__programme__eligible_districts",
            "call__programme__indicators",
            Prefetch(
                "indicators", queryset=ApplicationIndicator.objects.select_related("indicator")
            ),
            "notices",
            "formal_checks",
            Prefetch(
                "attachments", queryset=Attachment.objects.select_related("required_document")
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def attachment_for_member(user, pk: int) -> Attachment:
    """An attachment of one of the user's organisations' applications, or 404."""
    queryset = Attachment.objects.select_related("application").filter(
        application__organisation__memberships__user=user
    )
    return get_object_or_404(queryset, pk=pk)


def notice_for_member(user, pk: int) -> Notice:
    """A notice of one of the user's organisations' applications, or 404."""
    queryset = Notice.objects.select_related("application").filter(
        application__organisation__memberships__user=user
    )
    return get_object_or_404(queryset, pk=pk)


def calls_open(today=None):
    """Calls that accept applications today."""
    return Call.objects.open_on(today or timezone.localdate()).select_related("programme")


def applications_for_staff(params):
    """The submitted applications as staff filter them (drafts are the applicant's own)."""
    queryset = (
        Application.objects.exclude(status=ApplicationStatus.DRAFT)
        .select_related("call__programme", "organisation")
        .order_by("-submitted_at", "-pk")
    )
    return ApplicationFilter(params, queryset=queryset)


def reports_for_staff(params):
    """Interim and final reports as staff filter them, by due date."""
    queryset = Report.objects.select_related("application__organisation").order_by("due_on", "pk")
    return ReportFilter(params, queryset=queryset)
