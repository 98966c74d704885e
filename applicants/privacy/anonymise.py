"""The applicants part of an anonymisation: invitations to the person, and the contact
person of an organisation whose own retention has run."""

from applicants.models import BankAccount, BankAccountChange, Invitation, Organisation
from core.privacy.anonymise import PLACEHOLDER_NAME, placeholder_email


def invitations_anonymise(*, email: str, user_id: int) -> int:
    """Invitations sent to the person's address name them: the address becomes the
    placeholder. Returns how many."""
    return Invitation.objects.filter(email__iexact=email).update(email=placeholder_email(user_id))


def organisation_contact_anonymise(*, organisation: Organisation, person) -> bool:
    """Blank the contact person fields when they name the person (by address or name);
    the bank account holder too when it is the person's name. Returns whether anything
    changed."""
    name = person.get_full_name().strip().casefold()
    names_person = organisation.contact_email.casefold() == person.email.casefold() or (
        name and organisation.contact_name.strip().casefold() == name
    )
    if not names_person:
        return False
    organisation.contact_name = PLACEHOLDER_NAME
    organisation.contact_email = placeholder_email(person.pk)
    organisation.contact_phone = ""
    organisation.full_clean()
    organisation.save(update_fields=["contact_name", "contact_email", "contact_phone"])
    if name:
        BankAccount.objects.filter(organisation=organisation, holder__iexact=name).update(
            holder=PLACEHOLDER_NAME
        )
        BankAccountChange.objects.filter(organisation=organisation, holder__iexact=name).update(
            holder=PLACEHOLDER_NAME
        )
    return True
