"""Projektidee and Projektberatung: the informal step before an application (no reference
number, no notice, no appeal)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.money import MoneyField, non_negative


class IdeaStatus(models.TextChoices):
    SUBMITTED = "submitted", _("eingereicht, in Beratung")
    INVITED = "invited", _("zum Antrag eingeladen")
    REFERRED = "referred", _("auf ein anderes Programm verwiesen")
    DECLINED = "declined", _("nicht weiterverfolgt")


OPEN_IDEA_STATUSES = (IdeaStatus.SUBMITTED,)


class Idea(models.Model):
    """Projektidee: what, for whom, where, when, and a rough cost."""

    organisation = models.ForeignKey(
        "applicants.Organisation",
        verbose_name=_("Organisation"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    programme = models.ForeignKey(
        "grants.Programme",
        verbose_name=_("Förderprogramm"),
        on_delete=models.PROTECT,
        related_name="ideas",
    )
    procedure = models.ForeignKey(
        "grants.CaseProcedure",
        verbose_name=_("Verfahren"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("Stand"), max_length=20, choices=IdeaStatus.choices, default=IdeaStatus.SUBMITTED
    )
    title = models.CharField(_("Was haben Sie vor?"), max_length=200)
    description = models.TextField(_("Beschreibung der Idee"))
    target_group = models.CharField(_("Für wen?"), max_length=300)
    place = models.CharField(_("Wo?"), max_length=300)
    timeframe = models.CharField(_("Wann?"), max_length=200)
    rough_cost = MoneyField(_("ungefähre Kosten"), validators=non_negative())
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("eingereicht von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("eingereicht am"), auto_now_add=True)
    outcome_message = models.TextField(
        _("Nachricht an die Organisation"),
        blank=True,
        help_text=_("Wird der Organisation mit dem Ergebnis der Beratung angezeigt."),
    )
    referred_to = models.ForeignKey(
        "grants.Programme",
        verbose_name=_("verwiesen an"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("abgeschlossen von"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    concluded_at = models.DateTimeField(_("abgeschlossen am"), null=True, blank=True)

    class Meta:
        verbose_name = _("Projektidee")
        verbose_name_plural = _("Projektideen")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["status", "-submitted_at"])]
        permissions = [("advise_idea", _("Projektideen beraten"))]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_IDEA_STATUSES


class AdviceChannel(models.TextChoices):
    IN_PERSON = "in_person", _("persönlich")
    PHONE = "phone", _("Telefon")
    VIDEO = "video", _("Videokonferenz")
    EMAIL = "email", _("E-Mail")


class AdviceRecord(models.Model):
    """Projektberatung: one conversation about an idea; the internal note stays with staff."""

    idea = models.ForeignKey(
        Idea, verbose_name=_("Projektidee"), on_delete=models.CASCADE, related_name="advice"
    )
    held_on = models.DateField(_("Datum der Beratung"))
    channel = models.CharField(_("Weg"), max_length=20, choices=AdviceChannel.choices)
    people_present = models.CharField(_("Beteiligte"), max_length=500)
    notes = models.TextField(_("Inhalt der Beratung"))
    next_steps = models.TextField(_("vereinbarte nächste Schritte"), blank=True)
    internal_note = models.TextField(
        _("interne Notiz"),
        blank=True,
        help_text=_("Nur für die Verwaltung; die Organisation sieht sie nie."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("erfasst von"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("erfasst am"), auto_now_add=True)

    class Meta:
        verbose_name = _("Projektberatung")
        verbose_name_plural = _("Projektberatungen")
        ordering = ["held_on", "pk"]

    def __str__(self) -> str:
        return f"{self.idea} – {self.held_on}"
