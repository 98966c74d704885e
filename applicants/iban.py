"""IBAN checks with schwifty, including the German account check digit and the bank registry."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from schwifty import IBAN
from schwifty.exceptions import SchwiftyException


def parse_iban(value: str) -> IBAN:
    """Return the IBAN or raise a ValidationError that says what is wrong, in German."""
    try:
        iban = IBAN(value, validate_bban=True)
    except SchwiftyException as exc:
        raise ValidationError(
            _("Die IBAN ist ungültig (%(reason)s). Bitte prüfen Sie jede Ziffer.")
            % {"reason": _reason(exc)},
            code="invalid_iban",
        ) from exc
    if iban.country_code == "DE" and iban.bank is None:
        raise ValidationError(
            _("Zu dieser IBAN ist keine Bank bekannt. Bitte prüfen Sie die Bankleitzahl."),
            code="unknown_bank",
        )
    return iban


def validate_iban(value: str) -> None:
    """Model/form validator."""
    parse_iban(value)


def _reason(exc: SchwiftyException) -> str:
    reasons = {
        "InvalidChecksumDigits": _("Prüfziffer stimmt nicht"),
        "InvalidBBANChecksum": _("Kontonummer-Prüfziffer stimmt nicht"),
        "InvalidLength": _("falsche Länge"),
        "InvalidCountryCode": _("unbekannter Ländercode"),
        "InvalidStructure": _("unzulässige Zeichen"),
    }
    return reasons.get(type(exc).__name__, _("Format stimmt nicht"))
