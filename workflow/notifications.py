"""Mails about a case, queued as background jobs once the transaction has committed."""

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from workflow.jobs import notify_staff_job, send_mail_job


def applicant_recipients(application) -> list[str]:
    """Every member of the applying organisation, and its contact address."""
    organisation = application.organisation
    emails = list(
        organisation.memberships.filter(user__is_active=True).values_list("user__email", flat=True)
    )
    if organisation.contact_email and organisation.contact_email not in emails:
        emails.append(organisation.contact_email)
    return emails


def _mail_applicant(application, subject, template, notice=None, **context):
    link = settings.SITE_URL + reverse("portal:application_detail", args=[application.pk])
    body = render_to_string(template, {"application": application, "link": link, **context})
    recipients = applicant_recipients(application)
    notice_id = notice.pk if notice else None
    transaction.on_commit(
        lambda: send_mail_job.enqueue(subject, body, recipients, notice_id=notice_id)
    )


def applicant_submitted(*, application, resubmission: bool) -> None:
    subject = (
        _("Ihr überarbeiteter Antrag %(reference)s ist eingegangen")
        if resubmission
        else _("Ihr Antrag %(reference)s ist eingegangen")
    ) % {"reference": application.reference}
    _mail_applicant(application, subject, "workflow/mail/submitted.txt", resubmission=resubmission)


def applicant_revision_requested(*, check) -> None:
    application = check.application
    subject = _("Bitte ergänzen Sie Ihren Antrag %(reference)s") % {
        "reference": application.reference
    }
    _mail_applicant(application, subject, "workflow/mail/revision.txt", check=check)


def applicant_withdrawn(*, application) -> None:
    subject = _("Ihr Antrag %(reference)s ist zurückgezogen") % {"reference": application.reference}
    _mail_applicant(application, subject, "workflow/mail/withdrawn.txt")


def applicant_decided(*, notice) -> None:
    application = notice.application
    subject = _("Entscheidung über Ihren Antrag %(reference)s") % {
        "reference": application.reference
    }
    _mail_applicant(
        application, subject, "workflow/mail/decided.txt", notice=notice, notice_obj=notice
    )


def staff_task_arrived(*, task) -> None:
    """A task waits in a queue: tell the role's members (throttled in the job)."""
    task_id = task.pk
    transaction.on_commit(lambda: notify_staff_job.enqueue(task_id))


def applicant_payment_released(*, request) -> None:
    application = request.application
    subject = _("Auszahlung zu Ihrem Antrag %(reference)s") % {"reference": application.reference}
    _mail_applicant(application, subject, "workflow/mail/payment_released.txt", request=request)


def applicant_payment_returned(*, request) -> None:
    application = request.application
    subject = _("Ihr Mittelabruf zu %(reference)s wurde zurückgegeben") % {
        "reference": application.reference
    }
    _mail_applicant(application, subject, "workflow/mail/payment_returned.txt", request=request)


def applicant_final(*, application) -> None:
    subject = _("Ihr Bescheid %(reference)s ist bestandskräftig") % {
        "reference": application.reference
    }
    _mail_applicant(application, subject, "workflow/mail/final.txt")


def applicant_report_checked(*, check, settlement=None) -> None:
    report = check.report
    application = report.application
    subject = _("Ihr %(kind)s zu %(reference)s wurde geprüft") % {
        "kind": report.get_kind_display(),
        "reference": application.reference,
    }
    _mail_applicant(
        application,
        subject,
        "workflow/mail/report_checked.txt",
        check=check,
        report=report,
        settlement=settlement,
    )


def applicant_report_reminder(*, report, today) -> None:
    application = report.application
    subject = _("Erinnerung: %(kind)s zu %(reference)s fällig am %(day)s") % {
        "kind": report.get_kind_display(),
        "reference": application.reference,
        "day": report.due_on.strftime("%d.%m.%Y"),
    }
    _mail_applicant(
        application, subject, "workflow/mail/report_reminder.txt", report=report, today=today
    )


def applicant_refund_reminder(*, claim) -> None:
    application = claim.application
    subject = _("Erinnerung: Rückforderung zu %(reference)s ist fällig") % {
        "reference": application.reference
    }
    _mail_applicant(application, subject, "workflow/mail/refund_reminder.txt", claim=claim)
