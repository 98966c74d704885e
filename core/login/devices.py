"""The second factor's device (django-otp's TOTPDevice): enrol, confirm, check a code, switch
off, reset. Wrong codes are counted on the device (django-otp's throttling), so a failed
check returns None instead of raising: the count must be saved, not rolled back."""

import datetime

import django_otp
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.audit import audit_record
from core.login.policy import can_reset_second_factor, second_factor_mandatory

DEVICE_NAME = "Authenticator-App"


def confirmed_device(user) -> TOTPDevice | None:
    """The person's confirmed device, if any (there is at most one)."""
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def otp_device_start(*, user, keep: int | None = None) -> TOTPDevice:
    """The unconfirmed device that the person sets up: `keep` (the one this session showed)
    if it is still there, else a new one with a new secret; no other one stays."""
    with transaction.atomic():
        unconfirmed = TOTPDevice.objects.devices_for_user(user, confirmed=False)
        device = unconfirmed.filter(pk=keep).first() if keep else None
        if device is None:
            unconfirmed.delete()
            device = TOTPDevice(user=user, name=DEVICE_NAME, confirmed=False)
            device.full_clean()
            device.save()
    return device


def otp_device_confirm(*, device: TOTPDevice, token: str) -> TOTPDevice | None:
    """Confirm the set-up with the app's first code; the person's other devices go."""
    with transaction.atomic():
        device = TOTPDevice.objects.select_for_update().get(pk=device.pk, confirmed=False)
        if not device.verify_token(token):
            return None
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
        audit_record(
            actor=device.user,
            action="core.user.otp_confirmed",
            obj=device.user,
            after={"device": device.name},
        )
    return device


def otp_code_verify(*, device: TOTPDevice, token: str) -> TOTPDevice | None:
    """The device when it accepts the code, else None (the wrong code is counted on it)."""
    return django_otp.verify_token(device.user, device.persistent_id, token)


def otp_locked_until(device: TOTPDevice) -> datetime.datetime | None:
    """Until when the device takes no code after wrong ones; None when it takes one now."""
    allowed, details = device.verify_is_allowed()
    return None if allowed else details.get("locked_until")


def otp_device_disable(*, user) -> int:
    """The person switches their optional second factor off (staff cannot)."""
    if second_factor_mandatory(user):
        raise PermissionDenied(_("Für Mitarbeitende ist die Zwei-Faktor-Anmeldung Pflicht."))
    with transaction.atomic():
        count, _deleted = TOTPDevice.objects.filter(user=user).delete()
        audit_record(
            actor=user, action="core.user.otp_disabled", obj=user, before={"devices": count}
        )
    return count


def otp_device_reset(*, user, actor) -> int:
    """Administration removes a person's devices; their next login sets up a new one."""
    if not can_reset_second_factor(actor):
        raise PermissionDenied(_("Nur die Administration setzt die Zwei-Faktor-Anmeldung zurück."))
    with transaction.atomic():
        count, _deleted = TOTPDevice.objects.filter(user=user).delete()
        audit_record(actor=actor, action="core.user.otp_reset", obj=user, before={"devices": count})
    return count
