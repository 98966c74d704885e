from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from viewflow.workflow.models import Process


class ApplicationProcess(Process):
    """The process of one application from submission to the notice (artifact = application)."""

    class Meta:
        proxy = True
        verbose_name = _("Antragsverfahren")
        verbose_name_plural = _("Antragsverfahren")

    @property
    def application(self):
        return self.artifact


class PayoutProcess(Process):
    """The process of one payment request (artifact = budgeting.PaymentRequest)."""

    class Meta:
        proxy = True
        verbose_name = _("Mittelabruf-Verfahren")
        verbose_name_plural = _("Mittelabruf-Verfahren")
        permissions = [
            ("sign_factual", _("Mittelabrufe sachlich richtig zeichnen")),
            ("sign_arithmetic", _("Mittelabrufe rechnerisch richtig zeichnen")),
            ("release_payment", _("Auszahlungen anordnen")),
        ]

    @property
    def payment_request(self):
        return self.artifact


class ReportProcess(Process):
    """The process of one interim or final report (artifact = grants.Report)."""

    class Meta:
        proxy = True
        verbose_name = _("Nachweisprüfung")
        verbose_name_plural = _("Nachweisprüfungen")

    @property
    def report(self):
        return self.artifact


class TaskMailLog(models.Model):
    """When a member of staff was last told about new tasks (at most one mail an hour)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    last_sent_at = models.DateTimeField(_("zuletzt benachrichtigt"))

    class Meta:
        verbose_name = _("Aufgaben-Benachrichtigung")
        verbose_name_plural = _("Aufgaben-Benachrichtigungen")

    def __str__(self) -> str:
        return f"{self.user}: {self.last_sent_at:%Y-%m-%d %H:%M}"


class ChangeProcess(Process):
    """The process of one Änderungsantrag (artifact = grants.ChangeRequest)."""

    class Meta:
        proxy = True
        verbose_name = _("Änderungsverfahren")
        verbose_name_plural = _("Änderungsverfahren")

    @property
    def change_request(self):
        return self.artifact


from workflow.models_export import ExportJob  # noqa: E402,F401
