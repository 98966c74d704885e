"""The core part of an anonymisation: the user row keeps its id (the audit trail and the
ledger point at it) but loses everything that names the person, and can never log in again."""

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType

PLACEHOLDER_DOMAIN = "anonymisiert.invalid"
# Stored in place of a name where the field must not be empty (German: the files' language).
PLACEHOLDER_NAME = "anonymisiert"
# Login records of django-axes name the person by the address typed in.
LOGIN_LOG_MODELS = ("axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog")


def placeholder_email(user_id: int) -> str:
    """An address that names nobody and can receive nothing (RFC 2606 reserves .invalid)."""
    return f"anonymisiert-{user_id}@{PLACEHOLDER_DOMAIN}"


def is_anonymised(user) -> bool:
    return user.email.endswith(f"@{PLACEHOLDER_DOMAIN}")


def user_anonymise_row(*, user) -> None:
    """Blank the person's row and remove what lets anyone log in as them (call in a
    transaction); the caller decides whether the person is due."""
    old_email = user.email
    user.email = placeholder_email(user.pk)
    user.first_name = ""
    user.last_name = ""
    user.phone = ""
    user.last_login = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()  # also ends every session: its hash no longer matches
    user.full_clean()
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    _remove_login_traces(user, old_email)


def _remove_login_traces(user, old_email: str) -> None:
    if apps.is_installed("django_otp"):
        from django_otp import devices_for_user

        for device in devices_for_user(user, confirmed=None):
            device.delete()
    for label in LOGIN_LOG_MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        model.objects.filter(username__iexact=old_email).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(user, for_concrete_model=True),
        object_id=str(user.pk),
    ).update(object_repr=user.email)
