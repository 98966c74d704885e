"""Writes of the applicants app: registration, organisation data, members."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.bank import bank_account_set_first, bank_account_submit
from applicants.models import BankAccountChange, Invitation, Membership, Organisation
from applicants.notifications import send_invitation_mail
from applicants.permissions import can_manage_organisation
from core.audit import audit_record
from core.errors import NotAllowed
from core.roles import APPLICANT


@dataclass(frozen=True)
class PersonData:
    email: str
    password: str
    first_name: str
    last_name: str
    phone: str = ""
    language: str = ""  # the language the person registered in (portal and mails)


def person_create(*, person: PersonData):
    """Create a portal user (role Antragsteller)."""
    user = get_user_model()(
        email=person.email.lower(),
        first_name=person.first_name,
        last_name=person.last_name,
        phone=person.phone,
        language=person.language,
    )
    user.set_password(person.password)
    user.full_clean()
    user.save()
    group, _created = Group.objects.get_or_create(name=APPLICANT)
    user.groups.add(group)
    return user


@transaction.atomic
def registration_create(
    *, person: PersonData, organisation_data: dict, bank_data: dict
) -> Membership:
    """Register a person together with their organisation and its (first) bank account."""
    user = person_create(person=person)
    organisation = Organisation(**organisation_data)
    organisation.full_clean()
    organisation.save()
    membership = Membership.objects.create(
        user=user, organisation=organisation, role=Membership.Role.ADMIN
    )
    audit_record(
        actor=user,
        action="applicants.organisation.registered",
        obj=organisation,
        after={"name": organisation.name, "by": user.email},
    )
    bank_account_set_first(organisation=organisation, user=user, **bank_data)
    return membership


@dataclass(frozen=True)
class OrganisationUpdate:
    organisation: Organisation
    # The account entered when it differs from the one on record: it waits for confirmation.
    bank_change: BankAccountChange | None


@transaction.atomic
def organisation_update(
    *, organisation: Organisation, user, data: dict, bank_data: dict
) -> OrganisationUpdate:
    """Change an organisation's master data; a new bank account waits for confirmation."""
    if not can_manage_organisation(user, organisation):
        raise NotAllowed(_("Nur die Verwaltung der Organisation darf ihre Daten ändern."))
    organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
    before = {k: str(getattr(organisation, k)) for k in data}
    for field, value in data.items():
        setattr(organisation, field, value)
    organisation.full_clean()
    organisation.save()
    audit_record(
        actor=user,
        action="applicants.organisation.changed",
        obj=organisation,
        before=before,
        after={k: str(v) for k, v in data.items()},
    )
    bank = bank_account_submit(organisation=organisation, user=user, **bank_data)
    return OrganisationUpdate(
        organisation=organisation,
        bank_change=bank if isinstance(bank, BankAccountChange) else None,
    )


@transaction.atomic
def invitation_create(*, organisation: Organisation, user, email: str) -> Invitation:
    """Invite a further person to act for the organisation; they get a mail with a link."""
    if not can_manage_organisation(user, organisation):
        raise NotAllowed(_("Nur die Verwaltung der Organisation darf Personen einladen."))
    email = email.lower()
    if Membership.objects.filter(organisation=organisation, user__email=email).exists():
        raise NotAllowed(_("Diese Person gehört bereits zur Organisation."))
    invitation = Invitation(organisation=organisation, email=email, invited_by=user)
    invitation.full_clean()
    invitation.save()
    audit_record(
        actor=user, action="applicants.member.invited", obj=organisation, after={"email": email}
    )
    transaction.on_commit(lambda: send_invitation_mail(invitation))
    return invitation


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user) -> Membership:
    """The invited person joins the organisation."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise NotAllowed(_("Diese Einladung wurde bereits angenommen."))
    if invitation.email != user.email.lower():
        raise NotAllowed(
            _("Diese Einladung gilt für %(email)s. Bitte melden Sie sich mit dieser Adresse an.")
            % {"email": invitation.email}
        )
    membership, _created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation
    )
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    group, _created = Group.objects.get_or_create(name=APPLICANT)
    user.groups.add(group)
    audit_record(
        actor=user,
        action="applicants.member.joined",
        obj=invitation.organisation,
        after={"email": user.email},
    )
    return membership


@transaction.atomic
def invitation_register(*, invitation: Invitation, person: PersonData) -> Membership:
    """A person without an account registers through an invitation and joins."""
    user = person_create(person=person)
    return invitation_accept(invitation=invitation, user=user)
