from django.utils.translation import gettext_lazy as _

from core.models import User


class DataSubject(User):
    """A person seen from data protection: the records about them and their retention
    (the admin page of Administration that lists who is due and anonymises them)."""

    class Meta:
        proxy = True
        default_permissions = ("view",)
        verbose_name = _("betroffene Person (Aufbewahrung)")
        verbose_name_plural = _("Aufbewahrungsfristen und Anonymisierung")
