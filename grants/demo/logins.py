"""The demo logins as a list for `manage.py demo_logins`."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.roles import ADMINISTRATION, APPLICANT, APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.demo.organisations import ORGANISATIONS
from grants.demo.people import DEMO_DOMAIN, DEMO_USERS


@dataclass(frozen=True)
class DemoLogin:
    email: str
    role: str
    note: str = ""


def demo_logins() -> list[DemoLogin]:
    """The people of each role first, then the contact person of each organisation."""
    first, second = ORGANISATIONS[0].name, ORGANISATIONS[1].name
    notes = {
        APPLICANT: _("Portal /portal/: verwaltet „%(first)s“, Mitglied bei „%(second)s“")
        % {"first": first, "second": second},
        CASEWORKER: _("/staff/: Vollständigkeitsprüfung und Nachforderungen"),
        REVIEWER: _("/staff/: fachliche Prüfung mit Punkten"),
        FINANCE: _("/staff/: Haushaltsprüfung; /admin/: Haushaltsstellen"),
        APPROVER: _("/staff/: Entscheidung und Bescheid"),
        ADMINISTRATION: _("/admin/: Programme, Aufrufe, Personen"),
    }
    jury = _("/staff/: Jury „Vielfältig engagiert!“ mit zwei weiteren Gutachtenden")
    notes_by_email = {
        f"anordnung@{DEMO_DOMAIN}": _("/staff/: Anordnung von Auszahlungen (dritte Unterschrift)"),
        f"gutachten2@{DEMO_DOMAIN}": jury,
        f"gutachten3@{DEMO_DOMAIN}": jury,
    }
    logins = [
        DemoLogin(person.email, person.role, notes_by_email.get(person.email, notes[person.role]))
        for person in DEMO_USERS
    ]
    logins += [
        DemoLogin(spec.email, APPLICANT, _("verwaltet „%(name)s“") % {"name": spec.name})
        for spec in ORGANISATIONS
    ]
    return logins
