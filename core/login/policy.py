"""Who logs in with a second factor, and who may reset it."""

from django_otp import user_has_device

from core.roles import ADMINISTRATION, STAFF_ROLES, has_role


def second_factor_mandatory(user) -> bool:
    """Staff must use a second factor: a staff role, the admin flag or a superuser."""
    if not user.is_authenticated:
        return False
    return user.is_staff or user.is_superuser or user.groups.filter(name__in=STAFF_ROLES).exists()


def second_factor_needed(user) -> bool:
    """Whether the login asks for a code: always for staff, for others once they turned it on."""
    return second_factor_mandatory(user) or user_has_device(user, confirmed=True)


def can_reset_second_factor(actor) -> bool:
    """Administration resets the second factor of a person who lost their app."""
    return actor.is_superuser or has_role(actor, ADMINISTRATION)
