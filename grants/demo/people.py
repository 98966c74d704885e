"""The demo logins: one person per role; every demo password is "demo"."""

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.roles import (
    ADMINISTRATION,
    APPLICANT,
    APPROVER,
    CASEWORKER,
    FINANCE,
    REVIEWER,
    STAFF_ROLES,
)
from grants.demo.second_factor import demo_device_ensure

DEMO_PASSWORD = "demo"  # noqa: S105 -- demo data only, printed by `manage.py demo_logins`
DEMO_DOMAIN = "demo.foerdertal.de"


@dataclass(frozen=True)
class DemoUser:
    email: str
    first_name: str
    last_name: str
    role: str

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES


# antrag@… is administrator of the first demo organisation and member of the second one.
# Three people of Fachgutachten, so that a jury of three can sit ("Vielfältig engagiert!").
APPLICANT_EMAIL = f"antrag@{DEMO_DOMAIN}"
CASEWORKER_EMAIL = f"sachbearbeitung@{DEMO_DOMAIN}"  # gives the demo ideas their advice
DEMO_USERS = (
    DemoUser(APPLICANT_EMAIL, "Elif", "Schmidt", APPLICANT),
    DemoUser(CASEWORKER_EMAIL, "Julia", "Wagner", CASEWORKER),
    DemoUser(f"gutachten@{DEMO_DOMAIN}", "Michael", "Schulz", REVIEWER),
    DemoUser(f"gutachten2@{DEMO_DOMAIN}", "Leyla", "Arslan", REVIEWER),
    DemoUser(f"gutachten3@{DEMO_DOMAIN}", "Thomas", "Neumann", REVIEWER),
    DemoUser(f"bewilligung@{DEMO_DOMAIN}", "Andrea", "Fischer", APPROVER),
    DemoUser(f"finanzen@{DEMO_DOMAIN}", "Markus", "Weber", FINANCE),
    DemoUser(f"anordnung@{DEMO_DOMAIN}", "Sevgi", "Demir", FINANCE),
    DemoUser(f"admin@{DEMO_DOMAIN}", "Karin", "Becker", ADMINISTRATION),
)


def contact_email(slug: str) -> str:
    """The login of an organisation's contact person."""
    return f"kontakt@{slug}.{DEMO_DOMAIN}"


def user_ensure(person: DemoUser, *, groups: dict[str, Group]) -> tuple[object, bool]:
    """Create the demo user if missing (password "demo"); keep names, flags and role current."""
    model = get_user_model()
    user = model.objects.filter(email=person.email).first()
    created = user is None
    if created:
        user = model.objects.create_user(email=person.email, password=DEMO_PASSWORD)
    user.first_name, user.last_name = person.first_name, person.last_name
    user.is_staff = person.is_staff
    user.is_superuser = False  # no one is a superuser: every right comes from a role
    user.save(update_fields=["first_name", "last_name", "is_staff", "is_superuser"])
    user.groups.add(groups[person.role])
    if person.is_staff:
        demo_device_ensure(user)
    return user, created
