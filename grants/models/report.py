"""Zwischennachweis and Verwendungsnachweis: Sachbericht, zahlenmäßiger Nachweis, Belegliste."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.money import CENT, MoneyField, non_negative


class ReportKind(models.TextChoices):
    INTERIM = "interim", _("Zwischennachweis")
    FINAL = "final", _("Verwendungsnachweis")


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("in Bearbeitung")
    SUBMITTED = "submitted", _("eingereicht – wird geprüft")
    REVISION_REQUESTED = "revision_requested", _("Nachforderung")
    ACCEPTED = "accepted", _("anerkannt")


EDITABLE_REPORT_STATUSES = (ReportStatus.DRAFT, ReportStatus.REVISION_REQUESTED)

# What the applicant reads in the portal: plain German, saying what happens next.
PORTAL_REPORT_STATUS_TEXT = {
    ReportStatus.DRAFT: _("In Bearbeitung – noch nicht eingereicht"),
    ReportStatus.SUBMITTED: _("Eingereicht – die Stadt prüft den Nachweis"),
    ReportStatus.REVISION_REQUESTED: _(
        "Bitte nachbessern – die Stadt braucht noch Angaben oder Belege von Ihnen"
    ),
    ReportStatus.ACCEPTED: _("Anerkannt – der Nachweis ist geprüft"),
}


class ReportQuerySet(models.QuerySet):
    def for_member(self, user):
        """Reports of applications of organisations the user belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(application__organisation__memberships__user=user)


class Report(models.Model):
    """A Zwischennachweis or the Verwendungsnachweis of a grant."""

    application = models.ForeignKey(
        "grants.Application",
        verbose_name=_("Antrag"),
        on_delete=models.PROTECT,
        related_name="reports",
    )
    kind = models.CharField(_("Art des Nachweises"), max_length=20, choices=ReportKind.choices)
    period_start = models.DateField(_("Berichtszeitraum von"), validators=[validate_day])
    period_end = models.DateField(_("Berichtszeitraum bis"), validators=[validate_day])
    due_on = models.DateField(_("fällig am"), validators=[validate_day])
    status = models.CharField(
        _("Status"), max_length=30, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    work_done = models.TextField(_("Was wurde getan?"), blank=True)
    what_worked = models.TextField(_("Was hat gut funktioniert?"), blank=True)
    what_did_not = models.TextField(_("Was hat nicht funktioniert, und warum?"), blank=True)
    units_actual = models.DecimalField(
        _("tatsächliche Einheiten"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=non_negative(),
        help_text=_("Nur bei einem Festbetrag je Einheit: wie viele Einheiten wurden erbracht?"),
    )
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)
    updated_at = models.DateTimeField(_("zuletzt geändert"), auto_now=True)
    submitted_at = models.DateTimeField(_("eingereicht am"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingereicht von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("anerkannt am"), null=True, blank=True)
    simplified = models.BooleanField(
        _("einfacher Verwendungsnachweis"),
        default=False,
        help_text=_("Sachbericht und Summen je Planposition, ohne Belegliste."),
    )
    sample = models.ForeignKey(
        "grants.ReportSample",
        verbose_name=_("Stichprobe"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reports",
    )
    sample_position = models.PositiveSmallIntegerField(
        _("Platz in der Stichprobe"), null=True, blank=True
    )
    drawn_for_full_check = models.BooleanField(_("für die volle Prüfung gezogen"), default=False)

    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("Nachweis")
        verbose_name_plural = _("Nachweise")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "kind", "period_end"], name="unique_report_period"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=models.Q(kind="final"),
                name="unique_final_report",
            ),
            # the locks of the draw keep two acceptances from one place; this says so in the table
            models.UniqueConstraint(
                fields=["sample", "sample_position"], name="unique_report_sample_position"
            ),
        ]
        permissions = [("check_report", _("Nachweise prüfen"))]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period_start:%d.%m.%Y}–{self.period_end:%d.%m.%Y}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_REPORT_STATUSES

    @property
    def is_final(self) -> bool:
        return self.kind == ReportKind.FINAL

    @property
    def revision_request(self):
        """The open request for revision (a ReportCheck), if the applicant has to act."""
        if self.status != ReportStatus.REVISION_REQUESTED:
            return None
        checks = list(self.checks.all())
        return checks[-1] if checks else None

    @property
    def portal_status_text(self) -> str:
        return PORTAL_REPORT_STATUS_TEXT.get(self.status, self.get_status_display())


class ReportCheckResult(models.TextChoices):
    ACCEPTED = "accepted", _("anerkannt")
    REVISION = "revision", _("Nachforderung")


class ReportCheck(models.Model):
    """One round of the city's check of a report; every round is kept."""

    report = models.ForeignKey(
        Report, verbose_name=_("Nachweis"), on_delete=models.CASCADE, related_name="checks"
    )
    round = models.PositiveSmallIntegerField(_("Runde"))
    result = models.CharField(_("Ergebnis"), max_length=20, choices=ReportCheckResult.choices)
    message = models.TextField(
        _("Nachricht an den Träger"),
        blank=True,
        help_text=_("Bei einer Nachforderung: was fehlt oder geändert werden muss."),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("geprüft von"), on_delete=models.PROTECT
    )
    checked_at = models.DateTimeField(_("geprüft am"), auto_now_add=True)
    answered_at = models.DateTimeField(_("nachgereicht am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Prüfung eines Nachweises")
        verbose_name_plural = _("Prüfungen von Nachweisen")
        ordering = ["report", "round"]
        constraints = [
            models.UniqueConstraint(fields=["report", "round"], name="unique_report_check_round")
        ]

    def __str__(self) -> str:
        return f"{self.report} – {self.round}. {self.get_result_display()}"


class CostActual(models.Model):
    """The actual cost of one line of the cost plan (zahlenmäßiger Nachweis)."""

    report = models.ForeignKey(
        Report, verbose_name=_("Nachweis"), on_delete=models.CASCADE, related_name="cost_actuals"
    )
    cost_line = models.ForeignKey(
        "grants.CostLine", verbose_name=_("Kostenposition"), on_delete=models.PROTECT
    )
    amount = MoneyField(_("tatsächliche Kosten"), validators=non_negative())
    comment = models.CharField(_("Erläuterung"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tatsächliche Kosten")
        verbose_name_plural = _("tatsächliche Kosten")
        ordering = ["report", "cost_line_id"]
        constraints = [
            models.UniqueConstraint(fields=["report", "cost_line"], name="unique_cost_actual")
        ]

    def __str__(self) -> str:
        return f"{self.cost_line}: {self.amount}"


class IncomeActual(models.Model):
    """The actual income of one line of the financing plan (own or third-party funds)."""

    report = models.ForeignKey(
        Report, verbose_name=_("Nachweis"), on_delete=models.CASCADE, related_name="income_actuals"
    )
    financing_line = models.ForeignKey(
        "grants.FinancingLine", verbose_name=_("Finanzierungsposition"), on_delete=models.PROTECT
    )
    amount = MoneyField(_("tatsächliche Einnahmen"), validators=non_negative())
    comment = models.CharField(_("Erläuterung"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tatsächliche Einnahmen")
        verbose_name_plural = _("tatsächliche Einnahmen")
        ordering = ["report", "financing_line_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "financing_line"], name="unique_income_actual"
            )
        ]

    def __str__(self) -> str:
        return f"{self.financing_line}: {self.amount}"


class Receipt(models.Model):
    """One line of the Belegliste."""

    report = models.ForeignKey(
        Report, verbose_name=_("Nachweis"), on_delete=models.CASCADE, related_name="receipts"
    )
    number = models.PositiveIntegerField(_("laufende Nummer"))
    date = models.DateField(_("Datum"), validators=[validate_day])
    payee = models.CharField(_("Zahlungsempfänger"), max_length=200)
    purpose = models.CharField(_("Zweck"), max_length=300)
    amount = MoneyField(_("Betrag"), validators=[MinValueValidator(CENT)])
    cost_line = models.ForeignKey(
        "grants.CostLine",
        verbose_name=_("Kostenposition"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
    )

    class Meta:
        verbose_name = _("Beleg")
        verbose_name_plural = _("Belegliste")
        ordering = ["report", "number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="unique_receipt_number")
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.payee}: {self.amount}"


class ReportSample(models.Model):
    """One block of a programme's simplified reports and the seed that draws from it.

    The seed and the block size are recorded, so that the draw can be repeated by anybody."""

    programme = models.ForeignKey(
        "grants.Programme",
        verbose_name=_("Förderprogramm"),
        on_delete=models.PROTECT,
        related_name="report_samples",
    )
    number = models.PositiveIntegerField(_("laufende Nummer"))
    size = models.PositiveSmallIntegerField(_("Größe des Blocks"))
    seed = models.CharField(_("Startwert der Ziehung"), max_length=64)
    created_at = models.DateTimeField(_("angelegt am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Stichprobe einfacher Verwendungsnachweise")
        verbose_name_plural = _("Stichproben einfacher Verwendungsnachweise")
        ordering = ["programme", "number"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "number"], name="unique_report_sample")
        ]

    def __str__(self) -> str:
        return f"{self.programme} – {self.number}"
