"""Who may do what with a report: predicates (user, obj) -> bool, and the reason why not."""

from django.utils.translation import gettext as _

from applicants.permissions import is_member
from core.errors import NotAllowed
from grants.models import Report


def can_view_report(user, report: Report) -> bool:
    """Members of the funded organisation see its reports."""
    return is_member(user, report.application.organisation)


def report_edit_refusal(user, report: Report) -> str | None:
    """Why the user may not change the report now, or None."""
    if not is_member(user, report.application.organisation):
        return _("Sie handeln nicht für diese Organisation.")
    if not report.is_editable:
        return _("Dieser Nachweis ist eingereicht und kann nicht mehr bearbeitet werden.")
    return None


def can_edit_report(user, report: Report) -> bool:
    """Members may change a report while it is in progress or under revision."""
    return report_edit_refusal(user, report) is None


def report_locked_for_edit(report: Report, user) -> Report:
    """The report, locked for the change of a writing service, or NotAllowed with the reason."""
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("application__organisation")
        .get(pk=report.pk)
    )
    refusal = report_edit_refusal(user, report)
    if refusal:
        raise NotAllowed(refusal)
    return report
