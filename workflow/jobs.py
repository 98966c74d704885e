"""Background jobs (Django tasks): mails leave the request, and a failing mail server
never undoes a decision."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db.models import Q
from django.tasks import task
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from viewflow.workflow.models import Task

from core.languages import NOTICE_LANGUAGE, mail_language
from grants.models import Notice
from workflow.models import TaskMailLog

TASK_MAIL_INTERVAL = timedelta(hours=1)


@task
def send_mail_job(subject: str, body: str, recipients: list[str], notice_id: int | None = None):
    """Send one mail, with the notice PDF attached when given (named in German, as the
    notice is written)."""
    message = EmailMessage(subject=subject, body=body, to=recipients)
    if notice_id is not None:
        notice = Notice.objects.select_related("application").get(pk=notice_id)
        with notice.file.open("rb") as pdf, translation.override(NOTICE_LANGUAGE):
            message.attach(notice.filename, pdf.read(), "application/pdf")
    message.send()


@task
def notify_staff_job(task_id: int) -> int:
    """Tell the people who may take the task; nobody gets more than one such mail an hour."""
    flow_task = Task.objects.select_related("process").get(pk=task_id)
    app_label, codename = flow_task.owner_permission.split(".")
    perm = Q(
        groups__permissions__codename=codename,
        groups__permissions__content_type__app_label=app_label,
    ) | Q(user_permissions__codename=codename, user_permissions__content_type__app_label=app_label)
    candidates = get_user_model().objects.filter(perm, is_active=True).distinct()
    application = flow_task.process.artifact
    now = timezone.now()
    recent = set(
        TaskMailLog.objects.filter(last_sent_at__gt=now - TASK_MAIL_INTERVAL).values_list(
            "user_id", flat=True
        )
    )
    sent = 0
    for user in candidates:
        if user.pk in recent or flow_task.flow_task.refusal(user, application):
            continue
        # Staff read German, or English if they chose it (core.languages).
        with translation.override(mail_language(user, staff=True)):
            subject = _("Neue Aufgabe in Fördertal")
            body = render_to_string(
                "workflow/mail/task_arrived.txt",
                {"user": user, "task": flow_task, "application": application},
            )
        EmailMessage(subject=subject, body=body, to=[user.email]).send()
        TaskMailLog.objects.update_or_create(user=user, defaults={"last_sent_at": now})
        sent += 1
    return sent
