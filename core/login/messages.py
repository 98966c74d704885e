"""What the code pages say when a code is refused."""

from django.utils.formats import time_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _


def throttled_message(until) -> str:
    """After wrong codes the device waits (django-otp: 1, 2, 4, 8 … seconds)."""
    return _(
        "Zu viele falsche Codes. Bitte warten Sie bis %(time)s Uhr und geben Sie dann den "
        "aktuellen Code ein."
    ) % {"time": time_format(localtime(until), "H:i:s")}


def wrong_code_message() -> str:
    return _(
        "Der Code stimmt nicht. Bitte geben Sie den aktuellen Code aus der App ein; stimmt er "
        "wieder nicht, prüfen Sie die Uhrzeit Ihres Telefons."
    )
