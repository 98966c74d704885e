"""Exports of the grants app: the staff lists of applications and reports as filtered."""

from django.utils import timezone
from django.utils.translation import gettext as _

from core.exports import DATE, MONEY, TEXT, Export

CHUNK_SIZE = 2000


def applications_export(filterset) -> Export:
    """The filtered applications, one row each, in the list's order; a fixed number of queries
    per 2,000 rows (organisation and programme joined, districts prefetched per chunk)."""
    queryset = (
        filterset.qs.select_related("call__programme", "organisation")
        .prefetch_related("districts")
        .iterator(chunk_size=CHUNK_SIZE)
    )
    return Export(
        title=_("Anträge"),
        header=[
            _("Aktenzeichen"),
            _("Projekt"),
            _("Organisation"),
            _("Förderprogramm"),
            _("Stand"),
            _("beantragt"),
            _("eingereicht"),
            _("Stadtbezirke"),
        ],
        kinds=[TEXT, TEXT, TEXT, TEXT, TEXT, MONEY, DATE, TEXT],
        rows=(application_row(application) for application in queryset),
    )


def application_row(application) -> list:
    submitted = application.submitted_at
    return [
        application.reference or "",
        application.title,
        application.organisation.name,
        application.call.programme.name,
        application.get_status_display(),
        application.requested_amount,
        timezone.localdate(submitted) if submitted else None,
        ", ".join(district.name for district in application.districts.all()),
    ]


def reports_export(filterset) -> Export:
    """The filtered reports in the list's order (organisation joined)."""
    return Export(
        title=_("Nachweise"),
        header=[_("Aktenzeichen"), _("Organisation"), _("Art"), _("fällig am"), _("Stand")],
        kinds=[TEXT, TEXT, TEXT, DATE, TEXT],
        rows=(
            [
                report.application.reference or "",
                report.application.organisation.name,
                str(report.get_kind_display()),
                report.due_on,
                str(report.get_status_display()),
            ]
            for report in filterset.qs.iterator(chunk_size=CHUNK_SIZE)
        ),
    )
