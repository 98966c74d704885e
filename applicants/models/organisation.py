from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class LegalForm(models.TextChoices):
    EV = "ev", _("eingetragener Verein (e. V.)")
    GGMBH = "ggmbh", _("gemeinnützige GmbH (gGmbH)")
    GUG = "gug", _("gemeinnützige UG (haftungsbeschränkt)")
    STIFTUNG = "stiftung", _("Stiftung")
    GENOSSENSCHAFT = "eg", _("Genossenschaft (eG)")
    GBR = "gbr", _("Initiative / Gesellschaft bürgerlichen Rechts (GbR)")
    OTHER = "other", _("andere Rechtsform")


postcode_validator = RegexValidator(r"^\d{5}$", _("Bitte eine fünfstellige Postleitzahl angeben."))


class OrganisationQuerySet(models.QuerySet):
    def for_member(self, user):
        """Organisations the user belongs to."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(memberships__user=user)


class Organisation(models.Model):
    """Träger: the organisation that applies for funding."""

    name = models.CharField(_("Name der Organisation"), max_length=200)
    legal_form = models.CharField(_("Rechtsform"), max_length=20, choices=LegalForm.choices)
    register_number = models.CharField(
        _("Registernummer"),
        max_length=60,
        blank=True,
        help_text=_(
            "z. B. VR 12345 beim Amtsgericht Wuppertal; leer lassen, wenn keine vorhanden."
        ),
    )
    street = models.CharField(_("Straße und Hausnummer"), max_length=200)
    postcode = models.CharField(_("Postleitzahl"), max_length=5, validators=[postcode_validator])
    city = models.CharField(_("Ort"), max_length=100, default="Wuppertal")
    district = models.ForeignKey(
        "core.District", verbose_name=_("Stadtbezirk"), on_delete=models.PROTECT
    )
    is_nonprofit = models.BooleanField(_("als gemeinnützig anerkannt"), default=False)
    tax_exemption_date = models.DateField(
        _("Datum des Freistellungsbescheids"),
        null=True,
        blank=True,
        help_text=_("Datum des letzten Freistellungsbescheids des Finanzamts."),
    )
    contact_name = models.CharField(_("Ansprechperson"), max_length=200)
    contact_email = models.EmailField(_("E-Mail der Ansprechperson"))
    contact_phone = models.CharField(_("Telefon der Ansprechperson"), max_length=40, blank=True)
    created_at = models.DateTimeField(_("registriert am"), auto_now_add=True)
    portal_delivery_consent_at = models.DateTimeField(
        _("Einwilligung in die Bekanntgabe im Portal seit"),
        null=True,
        blank=True,
        help_text=_(
            "Mit Einwilligung stellt die Stadt Bescheide zum Abruf im Portal bereit "
            "(§ 41 Abs. 2a VwVfG) und benachrichtigt per E-Mail; ohne kommen sie per Post."
        ),
    )

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        verbose_name = _("Organisation")
        verbose_name_plural = _("Organisationen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.is_nonprofit and not self.tax_exemption_date:
            raise ValidationError(
                {
                    "tax_exemption_date": _(
                        "Bei anerkannter Gemeinnützigkeit bitte das Datum des "
                        "Freistellungsbescheids angeben."
                    )
                }
            )
