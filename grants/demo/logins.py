"""The demo logins as a list for `manage.py demo_logins`."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.roles import APPLICANT
from grants.demo.organisations import ORGANISATIONS
from grants.demo.people import APPLICANT_EMAIL, DEMO_USERS


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    note: str = ""


def demo_logins() -> list[DemoLogin]:
    """The people of each role first, then the contact person of each organisation."""
    first, second = ORGANISATIONS[0].name, ORGANISATIONS[1].name
    notes = {
        APPLICANT_EMAIL: _("verwaltet „%(first)s“, Mitglied bei „%(second)s“")
        % {"first": first, "second": second},
    }
    logins = [
        DemoLogin(
            person.email,
            person.role,
            notes.get(person.email, _("Superuser, Django-Admin") if person.is_superuser else ""),
        )
        for person in DEMO_USERS
    ]
    logins += [
        DemoLogin(spec.email, APPLICANT, _("verwaltet „%(name)s“") % {"name": spec.name})
        for spec in ORGANISATIONS
    ]
    return logins
