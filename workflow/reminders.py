"""Reminders by mail, run once a day (`manage.py send_reminders`, e.g. from cron).

Stateless: a reminder goes out on fixed days relative to the due date, so a daily run sends
each one once. Reports: 14 days before, on the due day, and 7 days after. Refunds: the day
after the due date and then every 14 days while the claim is open."""

from datetime import date, timedelta

from budgeting.models import RefundClaim, RefundStatus
from grants.models import Report, ReportStatus
from workflow import notifications

REPORT_OFFSETS = (-14, 0, 7)  # days relative to the due date
REFUND_EVERY = 14


def reminders_send(*, today: date) -> int:
    """Send today's reminders; returns how many went out."""
    sent = 0
    days = [today - timedelta(days=offset) for offset in REPORT_OFFSETS]
    reports = Report.objects.filter(
        status__in=(ReportStatus.DRAFT, ReportStatus.REVISION_REQUESTED), due_on__in=days
    ).select_related("application__organisation")
    for report in reports:
        notifications.applicant_report_reminder(report=report, today=today)
        sent += 1
    claims = RefundClaim.objects.filter(status=RefundStatus.OPEN, due_on__lt=today)
    for claim in claims.select_related("application__organisation"):
        if (today - claim.due_on).days % REFUND_EVERY == 1:
            notifications.applicant_refund_reminder(claim=claim)
            sent += 1
    return sent
