"""Reads of the applicants app."""

from applicants.models import Invitation, Membership, Organisation


def memberships_of(user) -> list[Membership]:
    """The user's memberships with their organisations, in one query."""
    if not user.is_authenticated:
        return []
    memberships = Membership.objects.filter(user=user).select_related("organisation")
    # administered organisations first: the default one a person acts for
    return list(memberships.order_by("role", "organisation__name"))


def organisation_members(organisation: Organisation):
    return Membership.objects.filter(organisation=organisation).select_related("user")


def organisation_open_invitations(organisation: Organisation):
    return Invitation.objects.filter(organisation=organisation).valid()


def organisation_with_details(pk: int) -> Organisation:
    return Organisation.objects.select_related("district", "bank_account").get(pk=pk)
