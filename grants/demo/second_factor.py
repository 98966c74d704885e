"""The demo's second factor: every demo staff person has the same authenticator key, as every
demo password is "demo". Never outside the demo (seed_demo refuses to run without DEBUG)."""

import base64

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.login.devices import DEVICE_NAME

# 16 characters of base32 (80 bits), typed into an authenticator app as "FOER DERT ALDE MO23"
DEMO_TOTP_SECRET = "FOERDERTALDEMO23"  # noqa: S105 - the demo's, public like "demo"
DEMO_TOTP_KEY = base64.b32decode(DEMO_TOTP_SECRET).hex()


def demo_device_ensure(user) -> TOTPDevice:
    """A confirmed device with the demo key (the person's other devices are replaced)."""
    device = TOTPDevice.objects.filter(user=user, key=DEMO_TOTP_KEY, confirmed=True).first()
    if device is None:
        TOTPDevice.objects.filter(user=user).delete()
        device = TOTPDevice.objects.create(
            user=user, name=DEVICE_NAME, key=DEMO_TOTP_KEY, confirmed=True
        )
    return device


def demo_code() -> str:
    """The six digits an app with the demo key shows now."""
    totp = TOTP(bytes.fromhex(DEMO_TOTP_KEY), step=30, t0=0, digits=6)
    return f"{totp.token():06d}"
