"""Who may act for an organisation: predicates (user, obj) -> bool."""

from django.utils.translation import gettext as _

from applicants.models import BankAccountChange, Membership, Organisation
from core.roles import FINANCE, has_role


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


def bank_change_co_admin_refusal(user, change: BankAccountChange) -> str | None:
    """Confirmation in the portal: another administrator of the organisation than the one who
    asked for the change (four eyes against a taken-over account)."""
    if not change.is_pending:
        return _("Über diese Änderung der Bankverbindung ist bereits entschieden.")
    if not can_manage_organisation(user, change.organisation):
        return _("Bestätigen darf nur eine Person der Organisationsverwaltung.")
    if user.pk == change.requested_by_id:
        return _(
            "Sie haben diese Änderung selbst beantragt. Bestätigen muss sie eine zweite Person "
            "der Organisationsverwaltung oder die Stadt nach einem Rückruf."
        )
    return None


def bank_change_staff_refusal(user, change: BankAccountChange) -> str | None:
    """Confirmation after a call back: Finanzen, who keep the payees' bank data, and who do not
    act for the organisation themselves."""
    if not change.is_pending:
        return _("Über diese Änderung der Bankverbindung ist bereits entschieden.")
    if not has_role(user, FINANCE):
        return _("Änderungen der Bankverbindung bestätigt die Rolle „Finanzen“.")
    if is_member(user, change.organisation) or user.pk == change.requested_by_id:
        return _("Sie handeln selbst für diese Organisation und dürfen nicht bestätigen.")
    return None


def bank_change_reject_refusal(user, change: BankAccountChange) -> str | None:
    """Rejecting cannot redirect money: any administrator of the organisation (the requester
    too, to withdraw it) or Finanzen."""
    if not change.is_pending:
        return _("Über diese Änderung der Bankverbindung ist bereits entschieden.")
    if can_manage_organisation(user, change.organisation) or has_role(user, FINANCE):
        return None
    return _("Ablehnen darf nur die Organisationsverwaltung oder die Rolle „Finanzen“.")
