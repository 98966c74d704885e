"""The device a session is setting up. Its secret is shown to this session only: another
login (or another browser) gets a new secret, so nobody who saw an earlier QR code shares it."""

from django_otp.plugins.otp_totp.models import TOTPDevice

from core.login.devices import otp_device_start

SETUP_KEY = "otp_setup_device"


def enrolment_device(request, user) -> TOTPDevice:
    device = otp_device_start(user=user, keep=request.session.get(SETUP_KEY))
    request.session[SETUP_KEY] = device.pk
    return device


def enrolment_clear(request) -> None:
    request.session.pop(SETUP_KEY, None)
