"""The role groups of ARCHITECTURE.md; created by `manage.py setup_roles`."""

from django.utils.translation import gettext_lazy as _

APPLICANT = "Antragsteller"
CASEWORKER = "Sachbearbeitung"
REVIEWER = "Fachgutachten"
APPROVER = "Bewilligung"
FINANCE = "Finanzen"
ADMINISTRATION = "Administration"

ROLES = {
    APPLICANT: _("Antragsteller (Portal)"),
    CASEWORKER: _("Sachbearbeitung"),
    REVIEWER: _("Fachgutachten"),
    APPROVER: _("Bewilligung"),
    FINANCE: _("Finanzen"),
    ADMINISTRATION: _("Administration"),
}
STAFF_ROLES = (CASEWORKER, REVIEWER, APPROVER, FINANCE, ADMINISTRATION)


def has_role(user, role: str) -> bool:
    """Whether the user belongs to the role group."""
    return bool(user.is_authenticated) and user.groups.filter(name=role).exists()
