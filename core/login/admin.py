"""Recovery: Administration resets the second factor of people who lost their app: an action
for the user admin (core.admin.UserAdmin: `actions = [otp_reset]`)."""

from django.contrib import admin, messages
from django.db import transaction
from django.utils.translation import gettext_lazy, ngettext

from core.login.devices import otp_device_reset


@admin.action(
    description=gettext_lazy("Zwei-Faktor-Anmeldung zurücksetzen"),
    permissions=["change"],
)
def otp_reset(modeladmin, request, queryset):
    """Remove the selected people's devices; each sets up a new one at the next login. Who may
    change people but is not in Administration is refused by the service."""
    people = list(queryset)
    with transaction.atomic():
        for person in people:
            otp_device_reset(user=person, actor=request.user)
    modeladmin.message_user(
        request,
        ngettext(
            "Die Zwei-Faktor-Anmeldung von %(count)d Person ist zurückgesetzt; sie richtet bei "
            "der nächsten Anmeldung eine neue App ein.",
            "Die Zwei-Faktor-Anmeldung von %(count)d Personen ist zurückgesetzt; sie richten bei "
            "der nächsten Anmeldung eine neue App ein.",
            len(people),
        )
        % {"count": len(people)},
        messages.SUCCESS,
    )
