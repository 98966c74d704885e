"""Who is due for anonymisation, and why (not) – reads only."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from budgeting.privacy.records import (
    account_retention,
    application_links,
    application_retentions,
    other_records,
)
from budgeting.privacy.retention import Retention
from core.models import User
from core.privacy.anonymise import PLACEHOLDER_DOMAIN
from grants.models import Application


@dataclass(frozen=True)
class PersonRetention:
    """Every record about one person with its retention."""

    person: User
    records: list[Retention]

    def blocking(self, today: date) -> list[Retention]:
        return [record for record in self.records if not record.is_due(today)]

    def is_due(self, today: date) -> bool:
        return not self.blocking(today)

    def reasons(self, today: date) -> list[str]:
        """Why the person may not be anonymised yet (empty when due)."""
        return [record.reason(today) for record in self.blocking(today)]


def _retentions(people, *, everyone: bool = False) -> list[PersonRetention]:
    ids = None if everyone else [person.pk for person in people]
    links = application_links(ids)
    linked = set().union(*links.values()) if links else set()
    retentions = application_retentions(
        None if everyone else Application.objects.filter(pk__in=linked)
    )
    others = other_records(ids)
    return [
        PersonRetention(
            person=person,
            records=[
                account_retention(person),
                *(retentions[pk] for pk in sorted(links.get(person.pk, ()))),
                *others.get(person.pk, []),
            ],
        )
        for person in people
    ]


def person_retention(person: User) -> PersonRetention:
    return _retentions([person])[0]


def persons_not_anonymised():
    return User.objects.exclude(email__endswith=f"@{PLACEHOLDER_DOMAIN}").order_by("pk")


def persons_retention(people=None) -> list[PersonRetention]:
    """The retention of the given people (default: everyone not yet anonymised) with a fixed
    number of queries."""
    if people is None:
        return _retentions(list(persons_not_anonymised()), everyone=True)
    return _retentions(list(people))


def persons_due(today: date | None = None) -> list[PersonRetention]:
    """The people every one of whose records is past its retention period."""
    today = today or timezone.localdate()
    return [entry for entry in persons_retention() if entry.is_due(today)]
