"""Helpers of the login tests: people, real TOTP codes computed from a device's key, logins."""

from django.contrib.auth.models import Group
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP, hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.login.policy import second_factor_mandatory
from core.roles import CASEWORKER
from core.services import roles_ensure
from tests.factories import UserFactory

PASSWORD = "geheim-und-lang-42"  # the factories' password
LOGIN = reverse("login")
CODE_PAGE = reverse("otp_verify")
SETUP_PAGE = reverse("otp_setup")


def staff_person(role: str = CASEWORKER, **kwargs):
    """A member of staff in a role group, without any device yet."""
    roles_ensure()
    user = UserFactory(is_staff=True, **kwargs)
    user.groups.add(Group.objects.get(name=role))
    return user


def second_factor_passed(client, user) -> None:
    """Mark the client's session as past the second factor, as django_otp.login does, for a
    person who needs one (staff): a confirmed device, made if there is none. Tests log such
    people in with force_login; the second factor has its own tests with real codes."""
    if not second_factor_mandatory(user):
        return
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="Test", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def device_of(user) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user)


def app_code(device: TOTPDevice) -> str:
    """The code the person's app shows now, or the next one when now's was used already."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    step = max(totp.t(), device.last_t + 1)
    return f"{hotp(device.bin_key, step, device.digits):0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """Six digits that no step within the tolerance accepts."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    window = {hotp(device.bin_key, totp.t() + offset) for offset in range(-3, 4)}
    return next(f"{n:06d}" for n in range(1_000_000) if n not in window)


def password_step(client, user, *, password: str = PASSWORD, **extra):
    """POST the login form: e-mail and password (and e.g. next)."""
    return client.post(LOGIN, {"username": user.email, "password": password, **extra})


def set_up_app(client, person) -> TOTPDevice:
    """After the password step: open the set-up page and confirm it with the app's code."""
    client.get(SETUP_PAGE)
    device = device_of(person)
    response = client.post(SETUP_PAGE, {"token": app_code(device)})
    assert response.status_code == 302, response.content.decode()
    return device_of(person)


def drop_second_factor(client) -> None:
    """Make a logged-in test session one with the password only."""
    session = client.session
    session.pop(DEVICE_ID_SESSION_KEY, None)
    session.save()


def logged_in_user_id(client) -> str | None:
    return client.session.get("_auth_user_id")
