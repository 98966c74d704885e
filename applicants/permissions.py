"""Who may act for an organisation: predicates (user, obj) -> bool."""

from applicants.models import Membership, Organisation


def is_member(user, organisation: Organisation) -> bool:
    """The user acts for the organisation."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, organisation=organisation).exists()


def can_manage_organisation(user, organisation: Organisation) -> bool:
    """Only the organisation's administrators change its data and invite people."""
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(
        user=user, organisation=organisation, role=Membership.Role.ADMIN
    ).exists()
