"""Reads of the notices of an application."""

from django.db.models import QuerySet

from grants.models import Application, Notice


def notices_of(application: Application) -> QuerySet[Notice]:
    """The application's notices, newest first (latest version of each kind before older ones)."""
    return (
        Notice.objects.filter(application=application)
        .select_related("issued_by")
        .order_by("-issued_at", "-version", "-pk")
    )
