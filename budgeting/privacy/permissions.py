"""Who may see the retention of people and anonymise them."""

from core.roles import ADMINISTRATION, has_role


def can_anonymise(user) -> bool:
    """Administration only: the role that manages people (README, Roles)."""
    return has_role(user, ADMINISTRATION)
