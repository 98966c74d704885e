"""How other people appear in a person's data export (Art. 15 Abs. 4 DSGVO: the rights of
others): the person is named as such, everyone else only by their side."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _


class PeopleLabels:
    """Turns a user id into "Sie", "Stadtverwaltung" or "andere Person" for the export."""

    def __init__(self, person):
        self.person_id = person.pk
        model = get_user_model()
        self.staff_ids = set(model.objects.filter(is_staff=True).values_list("pk", flat=True))

    def label(self, user_id) -> str | None:
        if user_id is None:
            return None
        if user_id == self.person_id:
            return _("Sie")
        if user_id in self.staff_ids:
            return _("Stadtverwaltung")
        return _("andere Person Ihrer Organisation")
