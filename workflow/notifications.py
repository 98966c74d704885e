"""Mails about a case, queued as background jobs once the transaction has committed.

Each recipient reads the mail in their language (core.languages.mail_language): the mail is
rendered once per language among the recipients, subject included. The notice it may carry
stays German; the mail's cover note says so in the reader's language.
"""

from datetime import date

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.formatting import format_date
from core.languages import NOTICE_LANGUAGE, mail_language, recipients_by_language
from grants.models import DeliveryChannel
from grants.notices.cover import notice_cover
from grants.services.delivery import notice_notified, retrieval_until
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


def _subject_value(value) -> str:
    """A value of the subject, written in the active language."""
    if callable(value):
        value = value()
    if isinstance(value, date):
        return format_date(value)
    return str(value)


def _mail_applicant(application, subject, template, notice=None, subject_args=None, **context):
    """`subject` is a lazy German text with %(name)s for `subject_args`, whose values may be
    dates or callables (a get_FOO_display) and are written in the recipient's language."""
    link = settings.SITE_URL + reverse("portal:application_detail", args=[application.pk])
    notice_id = notice.pk if notice else None
    context = {"application": application, "link": link, **context}
    for language, recipients in recipients_by_language(applicant_recipients(application)).items():
        with translation.override(language):
            args = {key: _subject_value(value) for key, value in (subject_args or {}).items()}
            text = str(subject) % args
            body = render_to_string(template, context)
        transaction.on_commit(
            lambda text=text, body=body, recipients=recipients: send_mail_job.enqueue(
                text, body, recipients, notice_id=notice_id
            )
        )


def applicant_submitted(*, application, resubmission: bool) -> None:
    subject = (
        _("Ihr überarbeiteter Antrag %(reference)s ist eingegangen")
        if resubmission
        else _("Ihr Antrag %(reference)s ist eingegangen")
    )
    _mail_applicant(
        application,
        subject,
        "workflow/mail/submitted.txt",
        subject_args={"reference": application.reference},
        resubmission=resubmission,
    )


def applicant_revision_requested(*, check) -> None:
    application = check.application
    _mail_applicant(
        application,
        _("Bitte ergänzen Sie Ihren Antrag %(reference)s"),
        "workflow/mail/revision.txt",
        subject_args={"reference": application.reference},
        check=check,
    )


def applicant_withdrawn(*, application) -> None:
    _mail_applicant(
        application,
        _("Ihr Antrag %(reference)s ist zurückgezogen"),
        "workflow/mail/withdrawn.txt",
        subject_args={"reference": application.reference},
    )


def applicant_decided(*, notice) -> None:
    """The decision with a cover note in the reader's language: that the German text binds,
    and what the notice decides. A notice sent by post comes attached (a copy); one provided
    for retrieval in the portal (§ 41 Abs. 2a VwVfG) does not: the mail is the notification,
    and the provision period runs from it."""
    application = notice.application
    in_portal = notice.channel == DeliveryChannel.PORTAL
    if in_portal:
        notice = notice_notified(notice=notice)
    _mail_applicant(
        application,
        _("Entscheidung über Ihren Antrag %(reference)s"),
        "workflow/mail/decided.txt",
        notice=None if in_portal else notice,
        in_portal=in_portal,
        retrieval_until=retrieval_until(notice),
        subject_args={"reference": application.reference},
        notice_obj=notice,
        cover=notice_cover(notice),
        notice_language=NOTICE_LANGUAGE,
    )


def staff_provision_ended(*, notice) -> None:
    """A notice provided in the portal was not retrieved in time: tell the person who issued
    it (Bewilligung) and the caseworkers of the case that they must deliver it another way."""
    application = notice.application
    people = {notice.issued_by, *(check.checked_by for check in application.formal_checks.all())}
    link = settings.SITE_URL + reverse("antraege:case", args=[application.pk])
    groups: dict[str, list[str]] = {}
    for person in people:
        if person is not None and person.is_active and person.email:
            groups.setdefault(mail_language(person, staff=True), []).append(person.email)
    for language, addresses in sorted(groups.items()):
        recipients = sorted(addresses)
        with translation.override(language):
            text = str(_("Bescheid zu %(reference)s nicht abgerufen: bitte per Post zustellen")) % {
                "reference": application.reference
            }
            body = render_to_string(
                "workflow/mail/provision_ended.txt",
                {"application": application, "notice": notice, "link": link},
            )
        transaction.on_commit(
            lambda text=text, body=body, recipients=recipients: send_mail_job.enqueue(
                text, body, recipients
            )
        )


def staff_task_arrived(*, task) -> None:
    """A task waits in a queue: tell the role's members (throttled in the job)."""
    task_id = task.pk
    transaction.on_commit(lambda: notify_staff_job.enqueue(task_id))


def applicant_payment_released(*, request) -> None:
    application = request.application
    _mail_applicant(
        application,
        _("Auszahlung zu Ihrem Antrag %(reference)s"),
        "workflow/mail/payment_released.txt",
        subject_args={"reference": application.reference},
        request=request,
    )


def applicant_payment_returned(*, request) -> None:
    application = request.application
    _mail_applicant(
        application,
        _("Ihr Mittelabruf zu %(reference)s wurde zurückgegeben"),
        "workflow/mail/payment_returned.txt",
        subject_args={"reference": application.reference},
        request=request,
    )


def applicant_final(*, application) -> None:
    _mail_applicant(
        application,
        _("Ihr Bescheid %(reference)s ist bestandskräftig"),
        "workflow/mail/final.txt",
        subject_args={"reference": application.reference},
    )


def applicant_report_checked(*, check, settlement=None) -> None:
    report = check.report
    application = report.application
    _mail_applicant(
        application,
        _("Ihr %(kind)s zu %(reference)s wurde geprüft"),
        "workflow/mail/report_checked.txt",
        subject_args={"kind": report.get_kind_display, "reference": application.reference},
        check=check,
        report=report,
        settlement=settlement,
        notice_language=NOTICE_LANGUAGE,
    )


def applicant_report_reminder(*, report, today) -> None:
    application = report.application
    _mail_applicant(
        application,
        _("Erinnerung: %(kind)s zu %(reference)s fällig am %(day)s"),
        "workflow/mail/report_reminder.txt",
        subject_args={
            "kind": report.get_kind_display,
            "reference": application.reference,
            "day": report.due_on,
        },
        report=report,
        today=today,
    )


def applicant_refund_reminder(*, claim) -> None:
    application = claim.application
    _mail_applicant(
        application,
        _("Erinnerung: Rückforderung zu %(reference)s ist fällig"),
        "workflow/mail/refund_reminder.txt",
        subject_args={"reference": application.reference},
        claim=claim,
    )
