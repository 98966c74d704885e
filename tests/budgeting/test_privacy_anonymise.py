"""Anonymisation after the retention periods: refused while one runs, and the audit trail
and the ledger unchanged afterwards."""

import pytest
from django.urls import reverse

from applicants.models import Invitation, Organisation
from budgeting.balances import balances_from_entries, grant_balances
from budgeting.models import LedgerEntry
from budgeting.privacy.services import NotDue, person_anonymise
from core.models import AuditEntry, User
from grants.models import Attachment
from tests.budgeting.privacy_data import person_with_grant_settled

pytestmark = pytest.mark.django_db

PASSWORD = "geheim-und-lang-42"


def ledger_rows():
    return list(LedgerEntry.objects.values_list("pk", "kind", "amount", "booked_by_id"))


def audit_rows():
    return list(AuditEntry.objects.values_list("pk", "actor_id", "action", "before", "after"))


def test_a_person_whose_grant_was_settled_eleven_years_ago_is_anonymised():
    person, organisation, _application = person_with_grant_settled(11, first_name="Ayşe")
    Invitation.objects.create(organisation=organisation, email=person.email, invited_by=person)

    result = person_anonymise(person=person, actor=None)

    person.refresh_from_db()
    assert person.email == f"anonymisiert-{person.pk}@anonymisiert.invalid"
    assert (person.first_name, person.last_name, person.phone) == ("", "", "")
    assert not person.is_active and not person.has_usable_password()
    organisation.refresh_from_db()
    assert organisation.contact_name == "anonymisiert"
    assert organisation.contact_email == person.email
    assert result.organisations == [organisation.pk]
    assert Invitation.objects.get().email == person.email
    attachment = Attachment.objects.get()
    assert attachment.original_name == f"Unterlage-{attachment.pk}.pdf"
    with attachment.file.open("rb") as stored:
        assert stored.read()  # the file itself stays
    entry = AuditEntry.objects.get(action="core.person.anonymised")
    assert entry.object_id == str(person.pk)
    assert "Ayşe" not in str(entry.before) + str(entry.after)


def test_a_person_whose_grant_was_settled_nine_years_ago_is_refused_with_the_reason():
    person, _organisation, application = person_with_grant_settled(9)

    with pytest.raises(NotDue) as refusal:
        person_anonymise(person=person, actor=None)

    assert any(
        application.reference in reason and "Aufbewahrungsfrist (10 Jahre) läuft bis" in reason
        for reason in refusal.value.reasons
    )
    person.refresh_from_db()
    assert person.is_active and "anonymisiert" not in person.email
    assert not AuditEntry.objects.filter(action="core.person.anonymised").exists()


def test_ledger_and_audit_trail_are_unchanged_and_keep_the_actor():
    person, _organisation, application = person_with_grant_settled(11)
    ledger, audit, balances = ledger_rows(), audit_rows(), grant_balances(application)
    totals = balances_from_entries(LedgerEntry.objects.all())
    by_person = list(AuditEntry.objects.filter(actor=person).values_list("pk", flat=True))

    person_anonymise(person=person, actor=None)

    assert ledger_rows() == ledger
    assert grant_balances(application) == balances
    assert balances_from_entries(LedgerEntry.objects.all()) == totals
    assert audit_rows()[: len(audit)] == audit  # unchanged, one new entry at the end
    assert list(AuditEntry.objects.filter(actor=person).values_list("pk", flat=True)) == by_person
    assert by_person  # the person's own entries still name the same (anonymised) row


def test_the_anonymised_person_cannot_log_in(client):
    person, _organisation, _application = person_with_grant_settled(11)
    old_email = person.email

    person_anonymise(person=person, actor=None)

    person.refresh_from_db()
    for email in (old_email, person.email):
        response = client.post(reverse("login"), {"username": email, "password": PASSWORD})
        assert response.status_code == 200
        assert "_auth_user_id" not in client.session


def test_a_person_whose_organisation_has_a_newer_grant_file_is_refused():
    person, organisation, _application = person_with_grant_settled(11)
    newer = person_with_grant_settled(5)[2]
    newer.organisation = organisation
    newer.save()
    with pytest.raises(NotDue, match=newer.reference):
        person_anonymise(person=person, actor=None)
    assert Organisation.objects.get(pk=organisation.pk).contact_email == person.email


def test_anonymising_twice_is_refused():
    person, _organisation, _application = person_with_grant_settled(11)
    person_anonymise(person=person, actor=None)
    with pytest.raises(Exception, match="bereits anonymisiert"):
        person_anonymise(person=User.objects.get(pk=person.pk), actor=None)
