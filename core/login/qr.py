"""What the set-up page shows: the QR code for the authenticator app (inline SVG, made with
segno) and the same secret for typing it in by hand."""

from base64 import b32encode

import segno
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice


def qr_svg(device: TOTPDevice, *, title: str) -> SafeString:
    """The device's otpauth:// address as an SVG image with a text alternative."""
    code = segno.make(device.config_url, error="m")
    svg = code.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title)
    # segno escapes the title; role="img" makes screen readers announce it as one image.
    return mark_safe(svg.replace("<svg ", '<svg role="img" ', 1))  # noqa: S308


def secret_groups(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four letters (as authenticator apps accept it)."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def enrolment_context(device: TOTPDevice) -> dict:
    """The QR code and the secret of the device being set up, for the template."""
    return {
        "qr_svg": qr_svg(device, title=_("QR-Code für Ihre Authenticator-App")),
        "secret": secret_groups(device),
    }
