"""Retention periods per kind of record (config/settings/privacy.py) and who is due."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command

from budgeting.models import CoFundingPledge, FundingSource
from budgeting.privacy import records
from budgeting.privacy.retention import retention_end
from budgeting.privacy.selectors import person_retention, persons_due
from grants.models import ApplicationStatus, Decision
from tests.budgeting.factories import BudgetLineFactory
from tests.budgeting.privacy_data import at, person_with_grant_settled, years_ago
from tests.factories import ApplicationFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def person_with(status, years, **extra):
    """A person whose organisation's only application has the status since `years` ago."""
    with at(years_ago(years)):
        person = UserFactory(last_login=years_ago(years))
        organisation = MembershipFactory(user=person).organisation
        application = ApplicationFactory(
            organisation=organisation, created_by=person, status=status, **extra
        )
    return person, application


def test_a_period_runs_from_the_end_of_the_calendar_year():
    assert retention_end(datetime.date(2015, 1, 2), 10) == datetime.date(2025, 12, 31)
    assert retention_end(datetime.date(2015, 12, 31), 10) == datetime.date(2025, 12, 31)


def test_a_draft_is_kept_one_year_and_a_rejection_three():
    old_draft = person_with(ApplicationStatus.DRAFT, 2)[0]
    new_draft = person_with(ApplicationStatus.DRAFT, 0)[0]
    old_rejection, application = person_with(ApplicationStatus.REJECTED, 4)
    with at(years_ago(4)):
        approver = UserFactory(is_staff=True, last_login=years_ago(4))
        Decision.objects.create(application=application, outcome="rejected", decided_by=approver)
    new_rejection = person_with(ApplicationStatus.REJECTED, 2)[0]

    due = {entry.person for entry in persons_due()}

    assert old_draft in due and old_rejection in due and approver in due
    assert new_draft not in due and new_rejection not in due


def test_a_running_grant_is_never_due_and_says_so():
    person, _application = person_with(ApplicationStatus.FINAL, 20, reference="ZI-2006-0001")

    reasons = person_retention(person).reasons(datetime.date.today())

    assert reasons == [
        "Antrag ZI-2006-0001 (Zuwendungsakte): Der Vorgang läuft noch; die "
        "Aufbewahrungsfrist hat nicht begonnen."
    ]


def test_an_account_without_application_goes_two_years_after_the_last_login():
    with at(years_ago(3)):
        idle = UserFactory(last_login=years_ago(3))
    active = UserFactory(last_login=years_ago(1))

    due = {entry.person for entry in persons_due()}

    assert idle in due and active not in due


def test_an_account_in_use_is_not_due_even_when_its_grant_files_are():
    person, _organisation, _application = person_with_grant_settled(11)
    person.last_login = years_ago(0)
    person.save()
    assert not person_retention(person).is_due(datetime.date.today())


def test_the_settings_decide_the_periods(settings):
    person = person_with(ApplicationStatus.DRAFT, 2)[0]
    assert person_retention(person).is_due(datetime.date.today())
    settings.RETENTION_YEARS = {**settings.RETENTION_YEARS, "draft": 5}
    assert not person_retention(person).is_due(datetime.date.today())


def pledge_by(clerk, years):
    line = BudgetLineFactory()
    with at(years_ago(years)):
        return CoFundingPledge.objects.create(
            source=FundingSource.objects.create(name=f"Stiftung {clerk.pk}", kind="foundation"),
            budget_line=line,
            amount=Decimal("1000.00"),
            pledged_on=datetime.date(2015, 1, 1),
            created_by=clerk,
        )


def test_staff_are_due_only_when_the_books_they_wrote_are(settings):
    with at(years_ago(12)):
        old_clerk = UserFactory(is_staff=True, last_login=years_ago(12))
        new_clerk = UserFactory(is_staff=True, last_login=years_ago(12))
    pledge_by(old_clerk, 11)
    pledge_by(new_clerk, 5)

    due = {entry.person for entry in persons_due()}

    assert old_clerk in due and new_clerk not in due


def test_a_record_without_a_known_period_keeps_the_person(monkeypatch):
    with at(years_ago(12)):
        clerk = UserFactory(is_staff=True, last_login=years_ago(12))
    pledge_by(clerk, 11)
    monkeypatch.setattr(records, "BUDGET_RECORD_DATES", {})

    retention = person_retention(clerk)

    assert not retention.is_due(datetime.date.today())
    assert "keine Aufbewahrungsfrist festgelegt" in retention.reasons(datetime.date.today())[0]


def test_the_command_lists_with_dry_run_and_anonymises_without(capsys):
    due_person = person_with_grant_settled(11)[0]
    kept_person = person_with_grant_settled(9)[0]

    call_command("anonymise_due", "--dry-run")
    due_person.refresh_from_db()
    assert due_person.is_active
    assert f"Person {due_person.pk}" in capsys.readouterr().out

    call_command("anonymise_due")
    due_person.refresh_from_db()
    kept_person.refresh_from_db()
    assert not due_person.is_active and due_person.email.endswith("@anonymisiert.invalid")
    assert kept_person.is_active
