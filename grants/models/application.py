from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.dates import validate_day
from core.money import MoneyField, non_negative, sum_money


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Entwurf")
    SUBMITTED = "submitted", _("Eingereicht – Vollständigkeitsprüfung")
    REVISION_REQUESTED = "revision_requested", _("Nachforderung")
    IN_REVIEW = "in_review", _("Fachliche Prüfung und Haushaltsprüfung")
    AWAITING_DECISION = "awaiting_decision", _("Entscheidung")
    APPROVED = "approved", _("Bewilligt – noch nicht bestandskräftig")
    FINAL = "final", _("Bewilligt und bestandskräftig")
    SETTLED = "settled", _("Schlussfestgesetzt")
    CLOSED = "closed", _("Abgeschlossen")
    REVOKED = "revoked", _("Widerrufen")
    REJECTED = "rejected", _("Abgelehnt")
    WITHDRAWN = "withdrawn", _("Zurückgezogen")


EDITABLE_STATUSES = (ApplicationStatus.DRAFT, ApplicationStatus.REVISION_REQUESTED)
# Bewilligungen: approved applications, whatever happened to them since.
GRANTED_STATUSES = (
    ApplicationStatus.APPROVED,
    ApplicationStatus.FINAL,
    ApplicationStatus.SETTLED,
    ApplicationStatus.CLOSED,
    ApplicationStatus.REVOKED,
)
WITHDRAWABLE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.REVISION_REQUESTED,
    ApplicationStatus.IN_REVIEW,
    ApplicationStatus.AWAITING_DECISION,
)

# What the applicant reads in the portal: plain German, saying what happens next.
PORTAL_STATUS_TEXT = {
    ApplicationStatus.DRAFT: _("Entwurf – noch nicht eingereicht, Sie können weiter bearbeiten"),
    ApplicationStatus.SUBMITTED: _("Eingereicht – die Stadt prüft, ob alles vollständig ist"),
    ApplicationStatus.REVISION_REQUESTED: _(
        "Bitte nachbessern – die Stadt braucht noch Angaben oder Unterlagen von Ihnen"
    ),
    ApplicationStatus.IN_REVIEW: _("In Prüfung – Fachleute bewerten Ihr Projekt"),
    ApplicationStatus.AWAITING_DECISION: _("Prüfung abgeschlossen – die Entscheidung folgt"),
    ApplicationStatus.APPROVED: _(
        "Bewilligt – den Bescheid finden Sie hier; Geld gibt es, sobald er bestandskräftig ist"
    ),
    ApplicationStatus.FINAL: _("Bewilligt und bestandskräftig – Sie können Mittel abrufen"),
    ApplicationStatus.SETTLED: _("Schlussfestsetzung erfolgt – bitte beachten Sie den Bescheid"),
    ApplicationStatus.CLOSED: _("Abgeschlossen"),
    ApplicationStatus.REVOKED: _("Widerrufen – die Rückforderung steht im Bescheid"),
    ApplicationStatus.REJECTED: _("Abgelehnt – die Gründe stehen im Bescheid"),
    ApplicationStatus.WITHDRAWN: _("Zurückgezogen"),
}


class ApplicationQuerySet(models.QuerySet):
    def for_member(self, user):
        """Applications of organisations the user belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(organisation__memberships__user=user)

    def with_list_data(self):
        return self.select_related("call__programme", "organisation")


# What the staff list filters on besides status and dates (covered by its indexes in Meta).
LIST_COLUMNS = ["call", "organisation", "requested_amount"]


class Application(models.Model):
    """Antrag: the request for funding with project plan and cost and financing plan."""

    organisation = models.ForeignKey(
        "applicants.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    call = models.ForeignKey(
        "grants.Call",
        verbose_name=_("Förderaufruf"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("Status"),
        max_length=30,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    reference = models.CharField(
        _("Aktenzeichen"), max_length=20, unique=True, null=True, blank=True
    )
    title = models.CharField(_("Projekttitel"), max_length=200)
    summary = models.TextField(_("Kurzbeschreibung"), blank=True)
    goals = models.TextField(_("Ziele"), blank=True)
    target_group = models.TextField(_("Zielgruppe"), blank=True)
    districts = models.ManyToManyField(
        "core.District", verbose_name=_("Stadtbezirke des Projekts"), blank=True, related_name="+"
    )
    project_start = models.DateField(
        _("Projektbeginn"), null=True, blank=True, validators=[validate_day]
    )
    project_end = models.DateField(
        _("Projektende"), null=True, blank=True, validators=[validate_day]
    )
    requested_amount = MoneyField(
        _("beantragte Förderung"), null=True, blank=True, validators=non_negative()
    )
    units_planned = models.DecimalField(
        _("geplante Einheiten"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=non_negative(),
        help_text=_("Nur bei einem Festbetrag je Einheit: wie viele Einheiten sind geplant?"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("angelegt von"),
        on_delete=models.PROTECT,
        related_name="+",
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
    publication_consent = models.BooleanField(
        _("Veröffentlichung der Förderung erlaubt"),
        default=False,
        help_text=_(
            "Die Stadt darf Projekttitel, Kurzbeschreibung, Organisation, Stadtbezirke und Beträge "
            "auf ihrer Transparenzseite und als offene Daten (360Giving) veröffentlichen. Daten "
            "über Personen werden nie veröffentlicht."
        ),
    )
    final_on = models.DateField(
        _("bestandskräftig seit"), null=True, blank=True, validators=[validate_day]
    )
    waiver_declared_at = models.DateTimeField(
        _("Rechtsbehelfsverzicht erklärt am"), null=True, blank=True
    )
    waiver_declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Rechtsbehelfsverzicht erklärt von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    procedure = models.ForeignKey(
        "grants.CaseProcedure",
        verbose_name=_("Verfahren"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Bei der Einreichung vom Förderprogramm übernommen."),
    )
    idea = models.OneToOneField(
        "grants.Idea",
        verbose_name=_("Projektidee"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="application",
    )

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Antrag")
        verbose_name_plural = _("Anträge")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["organisation", "-created_at"]),
            # The staff list, newest first, by status or all submitted ones. The included
            # columns let PostgreSQL count a filtered list from the index alone.
            models.Index(
                fields=["status", "-submitted_at", "-id"],
                include=LIST_COLUMNS,
                name="application_status_list",
            ),
            models.Index(
                fields=["-submitted_at", "-id"],
                include=LIST_COLUMNS,
                condition=~models.Q(status="draft"),
                name="application_staff_list",
            ),
        ]
        permissions = [
            ("check_application", _("Vollständigkeit prüfen")),
            ("review_application", _("Anträge fachlich prüfen")),
            ("check_budget", _("Haushaltsprüfung durchführen")),
            ("decide_application", _("Über Anträge entscheiden")),
            ("decide_light", _("Im vereinfachten Verfahren entscheiden")),
        ]

    def __str__(self) -> str:
        return f"{self.reference or _('Entwurf')}: {self.title}"

    @property
    def programme(self):
        return self.call.programme

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES

    @property
    def is_withdrawable(self) -> bool:
        return self.status in WITHDRAWABLE_STATUSES

    @property
    def revision_request(self):
        """The open request for revision (a FormalCheck), if the applicant has to act."""
        if self.status != ApplicationStatus.REVISION_REQUESTED:
            return None
        checks = list(self.formal_checks.all())
        return checks[-1] if checks else None

    @property
    def cost_total(self):
        """Total costs (uses prefetched lines where present)."""
        return sum_money(line.amount for line in self.cost_lines.all())

    @property
    def financing_total(self):
        """Own and third-party funds plus the requested grant."""
        funds = sum_money(line.amount for line in self.financing_lines.all())
        return funds + (self.requested_amount or 0)

    @property
    def portal_status_text(self) -> str:
        return PORTAL_STATUS_TEXT.get(self.status, self.get_status_display())


class ReferenceCounter(models.Model):
    """The last reference number given out in a year (ZI-2026-0042)."""

    year = models.PositiveSmallIntegerField(_("Jahr"), primary_key=True)
    last_number = models.PositiveIntegerField(_("zuletzt vergebene Nummer"), default=0)

    class Meta:
        verbose_name = _("Aktenzeichen-Zähler")
        verbose_name_plural = _("Aktenzeichen-Zähler")

    def __str__(self) -> str:
        return f"{self.year}: {self.last_number}"
