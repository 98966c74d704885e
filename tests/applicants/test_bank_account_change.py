"""A new bank account of an organisation becomes usable only after a confirmation: by a second
administrator in the portal, or by Finanzen after a call back (payment diversion)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from applicants.bank import (
    bank_account_change_confirm,
    bank_account_change_reject,
    bank_account_submit,
)
from applicants.models import (
    BankAccount,
    BankAccountChange,
    BankAccountChangeStatus,
    ConfirmationVia,
)
from applicants.services import organisation_update
from core.errors import NotAllowed
from core.models import AuditEntry
from core.roles import CASEWORKER, FINANCE
from tests.applicants.data import OTHER_VALID_IBAN, VALID_IBAN, organisation_edit_data
from tests.factories import MembershipFactory, OrganisationFactory
from tests.workflow.conftest import staff_member

pytestmark = pytest.mark.django_db

EDIT = reverse("portal:organisation_edit")
ORGANISATION = reverse("portal:organisation")
STAFF_LIST = reverse("finanzen:bank_changes")
THIRD_IBAN = "DE12500105170648489890"  # ING-DiBa
NOTE = "Frau Yılmaz (Vorsitzende) unter 0202 563-0 aus dem Antrag 2025 erreicht, bestätigt."


def page(response) -> str:
    return response.content.decode()


def ask_for(organisation, user, iban=OTHER_VALID_IBAN, holder="Kulturverein Brücke e. V."):
    return bank_account_submit(organisation=organisation, user=user, holder=holder, iban=iban)


@pytest.fixture
def co_admin(organisation):
    return MembershipFactory(organisation=organisation, role="admin").user


@pytest.fixture
def change(organisation, applicant):
    return ask_for(organisation, applicant)


def stored_iban(organisation) -> str:
    return BankAccount.objects.get(organisation=organisation).iban


# Asking for a change ---------------------------------------------------------------------------


def test_the_portal_shows_the_waiting_account_and_what_it_means(applicant_client, change):
    content = page(applicant_client.get(ORGANISATION))

    assert "Neue Bankverbindung wartet auf Bestätigung" in content
    assert "DE02 5001 0517 0137 0750 30" in content
    assert "DE89 3704 0044 0532 0130 00" in content  # the account still on record
    assert "gilt erst nach Bestätigung durch eine zweite Person der Organisationsverwaltung" in (
        content
    )
    assert "Bis dahin wird auf das bisherige Konto gezahlt." in content
    # the requester sees why there is no confirm button, and may withdraw
    assert "Sie haben diese Änderung selbst beantragt." in content
    assert reverse("portal:bank_change_confirm", args=[change.pk]) not in content
    assert reverse("portal:bank_change_reject", args=[change.pk]) in content


def test_a_new_request_replaces_the_waiting_one_which_is_marked_rejected(
    organisation, applicant, change
):
    newer = ask_for(organisation, applicant, iban=THIRD_IBAN)

    change.refresh_from_db()
    assert change.status == BankAccountChangeStatus.REJECTED
    assert newer.is_pending and newer.iban == THIRD_IBAN
    assert BankAccountChange.objects.filter(status=BankAccountChangeStatus.PENDING).count() == 1
    assert AuditEntry.objects.filter(action="applicants.bank_account.change_replaced").exists()
    assert stored_iban(organisation) == VALID_IBAN


def test_saving_the_account_on_record_or_the_waiting_one_again_changes_nothing(
    organisation, applicant, change
):
    account = BankAccount.objects.get(organisation=organisation)

    assert ask_for(organisation, applicant, iban=VALID_IBAN, holder=account.holder) is None
    assert ask_for(organisation, applicant) == change
    assert BankAccountChange.objects.get().is_pending


def test_an_address_change_is_no_request_for_an_account_stored_before_cleaning(
    applicant_client, organisation
):
    BankAccount.objects.filter(organisation=organisation).update(holder="Verein\x07 Nord")
    data = organisation_edit_data(organisation, **{"org-street": "Hofaue 54"})

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 302
    assert not BankAccountChange.objects.exists()


def test_an_address_change_keeps_the_waiting_account(applicant_client, organisation, change):
    data = organisation_edit_data(organisation, **{"org-street": "Hofaue 54"})

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 302
    change.refresh_from_db()
    assert change.is_pending
    assert "wartet noch auf Bestätigung" in page(applicant_client.get(EDIT))


def test_the_other_administrators_get_a_mail(
    organisation, applicant, co_admin, mailoutbox, django_capture_on_commit_callbacks
):
    MembershipFactory(organisation=organisation, role="member")

    with django_capture_on_commit_callbacks(execute=True):
        ask_for(organisation, applicant)

    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == [co_admin.email]
    assert mail.subject == f"Neue Bankverbindung für {organisation.name} bestätigen"
    assert "DE02500105170137075030" in mail.body
    assert "Bis dahin zahlt die Stadt auf das bisherige Konto." in mail.body


# Confirmation in the portal ----------------------------------------------------------------------


def test_a_second_administrator_confirms_and_the_account_changes(
    client, organisation, co_admin, change
):
    client.force_login(co_admin)
    content = page(client.get(ORGANISATION))
    assert reverse("portal:bank_change_confirm", args=[change.pk]) in content

    response = client.post(reverse("portal:bank_change_confirm", args=[change.pk]), follow=True)

    assert "Die neue Bankverbindung gilt ab jetzt für neue Auszahlungen." in page(response)
    account = BankAccount.objects.get(organisation=organisation)
    assert (account.iban, account.holder) == (OTHER_VALID_IBAN, "Kulturverein Brücke e. V.")
    assert (account.bank_name, account.bic) == ("ING-DiBa", "INGDDEFFXXX")
    change.refresh_from_db()
    assert change.status == BankAccountChangeStatus.CONFIRMED
    assert change.confirmed_via == ConfirmationVia.CO_ADMIN and change.decided_by == co_admin
    entry = AuditEntry.objects.get(action="applicants.bank_account.change_confirmed")
    assert entry.actor == co_admin
    assert entry.before["iban"] == VALID_IBAN and entry.after["iban"] == OTHER_VALID_IBAN


def test_the_requester_cannot_confirm_their_own_change(applicant_client, organisation, change):
    response = applicant_client.post(
        reverse("portal:bank_change_confirm", args=[change.pk]), follow=True
    )

    assert "Sie haben diese Änderung selbst beantragt." in page(response)
    assert stored_iban(organisation) == VALID_IBAN
    change.refresh_from_db()
    assert change.is_pending


def test_a_plain_member_cannot_confirm(client, organisation, change):
    member = MembershipFactory(organisation=organisation, role="member").user
    client.force_login(member)
    assert reverse("portal:bank_change_confirm", args=[change.pk]) not in page(
        client.get(ORGANISATION)
    )

    response = client.post(reverse("portal:bank_change_confirm", args=[change.pk]), follow=True)

    assert "Bestätigen darf nur eine Person der Organisationsverwaltung." in page(response)
    assert stored_iban(organisation) == VALID_IBAN
    with pytest.raises(NotAllowed):
        bank_account_change_reject(change=change, user=member)


def test_an_administrator_of_another_organisation_cannot_confirm(
    client, organisation, other_applicant, change
):
    client.force_login(other_applicant)

    response = client.post(reverse("portal:bank_change_confirm", args=[change.pk]))

    assert response.status_code == 404
    with pytest.raises(NotAllowed, match="Organisationsverwaltung"):
        bank_account_change_confirm(
            change=change, user=other_applicant, via=ConfirmationVia.CO_ADMIN
        )
    assert stored_iban(organisation) == VALID_IBAN


def test_the_requester_may_withdraw_and_payouts_stay_on_the_old_account(
    applicant_client, organisation, change
):
    response = applicant_client.post(
        reverse("portal:bank_change_reject", args=[change.pk]), follow=True
    )

    assert "Es bleibt beim bisherigen Konto." in page(response)
    change.refresh_from_db()
    assert change.status == BankAccountChangeStatus.REJECTED
    assert stored_iban(organisation) == VALID_IBAN
    assert AuditEntry.objects.filter(action="applicants.bank_account.change_rejected").exists()


def test_a_decided_change_cannot_be_confirmed_again(organisation, applicant, co_admin, change):
    bank_account_change_reject(change=change, user=applicant)

    with pytest.raises(NotAllowed, match="bereits entschieden"):
        bank_account_change_confirm(change=change, user=co_admin, via=ConfirmationVia.CO_ADMIN)
    assert stored_iban(organisation) == VALID_IBAN


# Confirmation by Finanzen after a call back ------------------------------------------------------


def decide(client, change, action, note=""):
    url = reverse(f"finanzen:bank_change_{action}", args=[change.pk])
    return client.post(url, {f"c{change.pk}-callback_note": note})


def test_finance_sees_the_waiting_changes_with_the_account_on_record(client, change):
    client.force_login(staff_member(FINANCE))

    response = client.get(STAFF_LIST)

    assert response.status_code == 200
    content = page(response)
    assert change.organisation.name in content
    assert "DE02 5001 0517 0137 0750 30" in content and "DE89 3704 0044 0532 0130 00" in content
    assert "Nach Rückruf bestätigen" in content


def test_the_staff_list_needs_the_same_queries_for_one_or_three_changes(
    client, change, django_assert_num_queries
):
    client.force_login(staff_member(FINANCE))
    client.get(STAFF_LIST)
    with CaptureQueriesContext(connection) as one:
        client.get(STAFF_LIST)
    for _number in range(2):
        organisation = OrganisationFactory()
        ask_for(organisation, MembershipFactory(organisation=organisation, role="admin").user)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(STAFF_LIST)
    assert page(response).count("Nach Rückruf bestätigen") == 3


def test_staff_confirmation_needs_the_call_back_note(client, organisation, change):
    client.force_login(staff_member(FINANCE))

    response = decide(client, change, "confirm", note="")

    assert response.status_code == 400
    assert "wen Sie unter welcher bekannten Telefonnummer erreicht haben" in page(response)
    response = decide(client, change, "confirm", note="Hat gepasst")
    assert response.status_code == 400
    assert stored_iban(organisation) == VALID_IBAN
    change.refresh_from_db()
    assert change.is_pending


def test_staff_confirm_after_a_call_back_and_the_note_is_kept(client, organisation, change):
    finance = staff_member(FINANCE)
    client.force_login(finance)

    response = decide(client, change, "confirm", note=NOTE)

    assert response.status_code == 302
    assert stored_iban(organisation) == OTHER_VALID_IBAN
    change.refresh_from_db()
    assert change.confirmed_via == ConfirmationVia.CALLBACK
    assert change.callback_note == NOTE and change.decided_by == finance
    entry = AuditEntry.objects.get(action="applicants.bank_account.change_confirmed")
    assert entry.after["callback_note"] == NOTE and entry.after["via"] == "callback"
    assert f'id="h-change-{change.pk}"' not in page(client.get(STAFF_LIST))


def test_staff_may_reject_without_a_note(client, organisation, change):
    client.force_login(staff_member(FINANCE))

    response = decide(client, change, "reject")

    assert response.status_code == 302
    change.refresh_from_db()
    assert change.status == BankAccountChangeStatus.REJECTED
    assert stored_iban(organisation) == VALID_IBAN


def test_caseworkers_cannot_confirm(client, organisation, change):
    client.force_login(staff_member(CASEWORKER))

    assert client.get(STAFF_LIST).status_code == 403
    assert decide(client, change, "confirm", note=NOTE).status_code == 403
    assert stored_iban(organisation) == VALID_IBAN


def test_finance_staff_who_act_for_the_organisation_cannot_confirm(organisation, change):
    finance = staff_member(FINANCE)
    MembershipFactory(organisation=organisation, user=finance, role="member")

    with pytest.raises(NotAllowed, match="handeln selbst für diese Organisation"):
        bank_account_change_confirm(
            change=change, user=finance, via=ConfirmationVia.CALLBACK, callback_note=NOTE
        )
    assert stored_iban(organisation) == VALID_IBAN


def test_a_phone_number_changed_in_the_portal_is_flagged_for_the_call_back(
    client, organisation, applicant
):
    organisation_update(
        organisation=organisation,
        user=applicant,
        data={"contact_phone": "0176 99999999"},
        bank_data={"holder": "Kulturverein Brücke e. V.", "iban": OTHER_VALID_IBAN},
    )
    client.force_login(staff_member(FINANCE))

    content = page(client.get(STAFF_LIST))

    assert "0176 99999999" in content
    assert "nicht für den Rückruf verwenden" in content


# Bank text in the SEPA character set -------------------------------------------------------------


def test_a_control_character_entered_in_the_portal_is_never_stored(
    applicant_client, organisation, co_admin, client
):
    data = organisation_edit_data(
        organisation, **{"bank-holder": "Verein\x07", "bank-iban": OTHER_VALID_IBAN}
    )

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 302
    change = BankAccountChange.objects.get()
    assert change.holder == "Verein"
    client.force_login(co_admin)
    client.post(reverse("portal:bank_change_confirm", args=[change.pk]))
    assert BankAccount.objects.get(organisation=organisation).holder == "Verein"


def test_the_first_account_is_set_directly_and_its_holder_cleaned(applicant_client, organisation):
    BankAccount.objects.filter(organisation=organisation).delete()
    data = organisation_edit_data(
        organisation, **{"bank-holder": "Café\u200b „Brücke“\x1b", "bank-iban": VALID_IBAN}
    )

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 302
    assert BankAccount.objects.get(organisation=organisation).holder == "Cafe 'Brücke'"
    assert not BankAccountChange.objects.exists()


def test_a_holder_without_latin_letters_is_refused_with_a_message(applicant_client, organisation):
    data = organisation_edit_data(
        organisation, **{"bank-holder": "جمعية الجسر", "bank-iban": OTHER_VALID_IBAN}
    )

    response = applicant_client.post(EDIT, data)

    assert response.status_code == 400
    assert "Kontoinhaber in lateinischen Buchstaben" in page(response)
    assert not BankAccountChange.objects.exists()


def test_the_model_cleans_a_holder_that_comes_around_the_form(organisation, applicant):
    change = ask_for(organisation, applicant, holder="Verein\x07\x85 Nord\r\n")

    assert change.holder == "Verein Nord"
