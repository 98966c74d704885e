"""The applicants part of a person's data export."""

from django.db.models import Q

from applicants.models import (
    BankAccount,
    BankAccountChange,
    Invitation,
    Membership,
    Organisation,
)
from core.models import User
from core.privacy.people import PeopleLabels
from core.privacy.sections import ExportSection
from core.privacy.serialise import record, records

# Never exported: the password hash and the secret of an invitation link.
PERSON_EXCLUDE = ("password",)
INVITATION_EXCLUDE = ("token",)


def organisations_of(person) -> list[Organisation]:
    """The organisations the person acts for: the only ones whose data they receive."""
    return list(Organisation.objects.filter(memberships__user=person).order_by("pk"))


def applicants_section(person, organisations, people: PeopleLabels) -> ExportSection:
    section = ExportSection()
    person_row = record(person, people, exclude=PERSON_EXCLUDE)
    person_row["groups"] = sorted(person.groups.values_list("name", flat=True))
    section.add("person", [person_row], model=User, objects=[person])
    memberships = list(Membership.objects.filter(user=person).order_by("pk"))
    section.add("memberships", records(memberships, people), model=Membership, objects=memberships)
    section.add(
        "organisations",
        records(organisations, people),
        model=Organisation,
        objects=organisations,
    )
    accounts = list(BankAccount.objects.filter(organisation__in=organisations).order_by("pk"))
    section.add("bank_accounts", records(accounts, people), model=BankAccount, objects=accounts)
    changes = list(BankAccountChange.objects.filter(organisation__in=organisations).order_by("pk"))
    section.add(
        "bank_account_changes",
        records(changes, people),
        model=BankAccountChange,
        objects=changes,
    )
    # Invitations the person sent or received; others' addresses only their admins see.
    invitations = Invitation.objects.filter(
        Q(invited_by=person) | Q(email__iexact=person.email), organisation__in=organisations
    ).order_by("pk")
    section.add(
        "invitations",
        records(invitations, people, exclude=INVITATION_EXCLUDE),
        model=Invitation,
    )
    return section
