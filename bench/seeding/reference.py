"""Reference data the n applications hang on: demo staff, programmes, calls of several years.

Roles, demo staff, programmes, calls and budget lines come from the real demo seeding
(workflow.demo.cases_seed) when the database has no organisation yet.
"""

from dataclasses import dataclass
from datetime import date

from applicants.models import Organisation
from core.models import District, User
from core.roles import APPROVER, CASEWORKER, FINANCE, REVIEWER
from grants.models import Call, Programme

YEARS_BACK = 4  # calls of this year and the four before


@dataclass
class Reference:
    programmes: list[Programme]
    criteria: dict[int, list]
    eligible: dict[int, list[int]]
    districts: list[int]
    calls: dict[tuple[int, int], Call]
    years: list[int]


def base_ensure(log) -> None:
    """Roles, demo staff, programmes, calls and budget lines through the real demo seeding."""
    if Organisation.objects.exists():
        return
    from workflow.demo import cases_seed

    log("demo base data (real services) …")
    cases_seed()


def staff() -> dict[str, User]:
    """The demo staff who act on the seeded cases, by the part they play."""
    from grants.demo.people import DEMO_USERS

    by_email = {u.email: u for u in User.objects.filter(email__in=[p.email for p in DEMO_USERS])}
    first = {}
    for person in DEMO_USERS:
        first.setdefault(person.role, by_email[person.email])
    releaser = [by_email[p.email] for p in DEMO_USERS if p.role == FINANCE][-1]
    return {
        "caseworker": first[CASEWORKER],
        "reviewer": first[REVIEWER],
        "approver": first[APPROVER],
        "finance": first[FINANCE],
        "releaser": releaser,
    }


def reference_load(today: date) -> Reference:
    """Programmes with their criteria and districts, and a call per programme and year."""
    _interim_reports_on()
    programmes = list(Programme.objects.prefetch_related("criteria", "eligible_districts"))
    return Reference(
        programmes=programmes,
        criteria={p.pk: list(p.criteria.all()) for p in programmes},
        eligible={p.pk: [d.pk for d in p.eligible_districts.all()] for p in programmes},
        districts=list(District.objects.values_list("pk", flat=True)),
        calls=_calls(programmes, today),
        years=list(range(today.year - YEARS_BACK, today.year + 1)),
    )


def _interim_reports_on() -> None:
    """No demo programme asks for a Zwischennachweis; the one with the longest projects does
    here, so that both kinds of report occur at scale."""
    longest = Programme.objects.order_by("-max_duration_months", "pk").first()
    if longest is not None and not longest.requires_interim_report:
        longest.requires_interim_report = True
        longest.save(update_fields=["requires_interim_report"])


def _calls(programmes, today: date) -> dict[tuple[int, int], Call]:
    """A call per programme and year: this year's open demo call, closed ones before."""
    calls = {}
    for programme in programmes:
        current = Call.objects.open_on(today).filter(programme=programme).first()
        for year in range(today.year - YEARS_BACK, today.year + 1):
            if year == today.year and current is not None:
                calls[programme.pk, year] = current
                continue
            call, _created = Call.objects.get_or_create(
                programme=programme,
                title=f"Förderaufruf {year}",
                defaults={
                    "opens_on": date(year, 1, 15),
                    "closes_on": date(year, 3, 31),
                    "project_start_earliest": date(year, 5, 1),
                    "project_end_latest": date(year + 1, 12, 31),
                },
            )
            calls[programme.pk, year] = call
    return calls
