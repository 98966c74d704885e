"""Several people act for an organisation: invitations, roles, switching organisations."""

import re
import smtplib
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from applicants.models import Invitation, Membership
from applicants.models.invitation import VALID_DAYS
from core.models import AuditEntry, User
from tests.applicants.data import PASSWORD, organisation_edit_data, person_data
from tests.factories import (
    ApplicationFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

INVITE = reverse("portal:invite")
ORGANISATION = reverse("portal:organisation")
HOME = reverse("portal:home")


def page(response) -> str:
    return response.content.decode()


def accept_url(invitation: Invitation) -> str:
    return reverse("portal:invitation_accept", args=[invitation.token])


def invite(client, email, capture):
    """POST the invitation as the logged-in person; the mail goes out on commit."""
    with capture(execute=True):
        return client.post(INVITE, {"email": email})


@pytest.fixture
def invitation(organisation, applicant):
    return Invitation.objects.create(
        organisation=organisation, email="jonas@example.org", invited_by=applicant
    )


@pytest.fixture
def plain_member(organisation):
    return MembershipFactory(organisation=organisation, role="member").user


# Inviting


def test_an_admin_invites_a_person_who_gets_a_mail_with_the_link(
    applicant_client, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(applicant_client, "Jonas@Example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert response.url == ORGANISATION
    invitation = Invitation.objects.get()
    assert invitation.organisation == organisation
    assert invitation.email == "jonas@example.org"
    assert invitation.accepted_at is None
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["jonas@example.org"]
    assert mail.subject == f"Einladung zu {organisation.name} in Fördertal"
    assert invitation.token in mail.body
    assert f"http://127.0.0.1:8000{accept_url(invitation)}" in mail.body
    assert AuditEntry.objects.filter(action="applicants.member.invited").count() == 1


def test_the_admin_sees_the_open_invitation_and_a_confirmation(
    applicant_client, django_capture_on_commit_callbacks
):
    invite(applicant_client, "jonas@example.org", django_capture_on_commit_callbacks)

    content = page(applicant_client.get(ORGANISATION))
    assert "Die Einladung an jonas@example.org ist verschickt." in content
    assert "Offene Einladungen" in content and "jonas@example.org" in content


def test_an_invalid_address_is_shown_on_the_organisation_page_and_nobody_is_invited(
    applicant_client, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(applicant_client, "keine-adresse", django_capture_on_commit_callbacks)

    assert response.status_code == 400
    content = page(response)
    assert 'id="id_email_error"' in content
    assert "Weitere Person einladen" in content
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_person_who_already_belongs_to_the_organisation_is_not_invited_again(
    applicant_client, plain_member, mailoutbox, django_capture_on_commit_callbacks
):
    response = invite(applicant_client, plain_member.email, django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert "Diese Person gehört bereits zur Organisation." in page(
        applicant_client.get(ORGANISATION)
    )
    assert not Invitation.objects.exists()
    assert mailoutbox == []


# Accepting


def test_an_invitee_without_account_creates_one_joins_and_lands_in_the_portal(
    client, organisation, mailoutbox, applicant, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    invite(client, "jonas@example.org", django_capture_on_commit_callbacks)
    client.logout()
    link = re.search(r"https?://\S+", mailoutbox[0].body).group()
    path = link.removeprefix("http://127.0.0.1:8000")

    form_page = client.get(path)
    assert form_page.status_code == 200
    assert 'name="email"' not in page(form_page)
    assert "jonas@example.org" in page(form_page)
    response = client.post(path, person_data())

    assert response.status_code == 302, page(response)
    assert response.url == HOME
    user = User.objects.get(email="jonas@example.org")
    assert user.check_password(PASSWORD)
    assert list(user.groups.values_list("name", flat=True)) == ["Antragsteller"]
    membership = Membership.objects.get(user=user)
    assert membership.organisation == organisation
    assert membership.role == Membership.Role.MEMBER
    assert Invitation.objects.get().accepted_at is not None
    assert AuditEntry.objects.filter(action="applicants.member.joined").count() == 1
    assert client.session["_auth_user_id"] == str(user.pk)
    home = client.get(HOME)
    assert home.status_code == 200
    assert home.context["portal"].organisation == organisation
    assert f"Sie gehören jetzt zu „{organisation.name}“." in page(home)


def test_an_invitee_without_account_gets_the_form_back_with_errors(client, invitation):
    response = client.post(accept_url(invitation), person_data(password2="Anderes-Passwort-9"))

    assert response.status_code == 400
    content = page(response)
    assert "Die beiden Passwörter stimmen nicht überein." in content
    assert f'href="{reverse("login")}?next=' in content
    assert not User.objects.filter(email="jonas@example.org").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitee_whose_address_already_has_an_account_is_asked_to_log_in(client, invitation):
    UserFactory(email="jonas@example.org")

    response = client.post(accept_url(invitation), person_data())

    assert response.status_code == 400
    assert "Mit dieser E-Mail-Adresse gibt es schon ein Konto." in page(response)
    assert not Membership.objects.filter(user__email="jonas@example.org").exists()


def test_the_invitation_page_offers_the_login_that_comes_back_to_it(client, invitation):
    content = page(client.get(accept_url(invitation)))
    assert f'href="{reverse("login")}?next={accept_url(invitation)}"' in content


def test_a_logged_in_person_with_the_invited_address_accepts(client, invitation, organisation):
    existing = MembershipFactory(user=UserFactory(email="Jonas@example.org"), role="admin").user
    client.force_login(existing)

    assert "Einladung annehmen" in page(client.get(accept_url(invitation)))
    response = client.post(accept_url(invitation))

    assert response.status_code == 302
    assert response.url == HOME
    membership = Membership.objects.get(user=existing, organisation=organisation)
    assert membership.role == Membership.Role.MEMBER
    assert existing.memberships.count() == 2
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert client.get(HOME).context["portal"].organisation == organisation


def test_a_logged_in_person_with_another_address_is_refused_and_does_not_join(
    client, invitation, organisation
):
    stranger = UserFactory(email="fremd@example.org")
    client.force_login(stranger)

    response = client.post(accept_url(invitation), follow=True)

    assert response.redirect_chain == [(accept_url(invitation), 302)]
    assert (
        "Diese Einladung gilt für jonas@example.org. "
        "Bitte melden Sie sich mit dieser Adresse an." in page(response)
    )
    assert not Membership.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitation_cannot_be_used_twice(client, invitation):
    first = client.post(accept_url(invitation), person_data())
    assert first.status_code == 302
    client.logout()

    assert client.get(accept_url(invitation)).status_code == 404
    again = client.post(accept_url(invitation), person_data(first_name="Zweiter"))
    assert again.status_code == 404
    assert Membership.objects.filter(user__email="jonas@example.org").count() == 1


def test_an_invitation_older_than_two_weeks_has_expired(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=VALID_DAYS, minutes=1)
    )
    assert client.get(accept_url(invitation)).status_code == 404
    assert client.post(accept_url(invitation), person_data()).status_code == 404
    assert not User.objects.filter(email="jonas@example.org").exists()


def test_an_unknown_invitation_token_is_not_found(client, db):
    assert client.get(reverse("portal:invitation_accept", args=["erfunden"])).status_code == 404


# Roles


def test_a_plain_member_cannot_invite(
    client, plain_member, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(plain_member)

    response = invite(client, "jonas@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    content = page(client.get(ORGANISATION))
    assert "Nur die Verwaltung der Organisation darf Personen einladen." in content
    assert "Weitere Person einladen" not in content
    assert not Invitation.objects.exists()
    assert mailoutbox == []


def test_a_plain_member_cannot_edit_the_organisation(client, plain_member, organisation):
    client.force_login(plain_member)
    edit = reverse("portal:organisation_edit")

    assert "Angaben ändern" not in page(client.get(ORGANISATION))
    assert client.get(edit).status_code == 403
    data = organisation_edit_data(organisation, **{"org-name": "Übernommen e. V."})
    response = client.post(edit, data)

    assert response.status_code == 403
    assert "Nur die Verwaltung der Organisation darf ihre Daten ändern." in page(response)
    organisation.refresh_from_db()
    assert organisation.name != "Übernommen e. V."
    assert not AuditEntry.objects.filter(action="applicants.organisation.changed").exists()


def test_a_person_without_organisation_sees_no_organisation_page(client, db):
    client.force_login(UserFactory())
    response = client.get(ORGANISATION)
    assert response.status_code == 403
    assert "Sie gehören zu keiner Organisation" in page(response)


# Several organisations


@pytest.fixture
def two_organisations(db):
    first = OrganisationFactory(name="A-Verein Nachbarschaft e. V.")
    second = OrganisationFactory(name="B-Initiative Sprachcafé")
    person = UserFactory()
    MembershipFactory(user=person, organisation=first, role="admin")
    MembershipFactory(user=person, organisation=second, role="member")
    ApplicationFactory(organisation=first, title="Projekt des A-Vereins")
    ApplicationFactory(organisation=second, title="Projekt der B-Initiative")
    return person, first, second


def test_a_person_in_two_organisations_switches_and_sees_the_other_applications(
    client, two_organisations
):
    person, first, second = two_organisations
    client.force_login(person)

    before = page(client.get(HOME))
    assert "Projekt des A-Vereins" in before
    assert "Projekt der B-Initiative" not in before
    assert 'id="switch-organisation"' in before

    response = client.post(reverse("portal:switch_organisation"), {"organisation": second.pk})

    assert response.status_code == 302
    assert response.url == HOME
    after = client.get(HOME)
    assert after.context["portal"].organisation == second
    assert "Projekt der B-Initiative" in page(after)
    assert "Projekt des A-Vereins" not in page(after)
    assert "Sie handeln jetzt für „B-Initiative Sprachcafé“." in page(after)

    client.post(reverse("portal:switch_organisation"), {"organisation": first.pk})
    assert "Projekt des A-Vereins" in page(client.get(HOME))


def test_the_role_follows_the_active_organisation(client, two_organisations):
    person, _first, second = two_organisations
    client.force_login(person)
    edit = reverse("portal:organisation_edit")

    assert client.get(edit).status_code == 200
    client.post(reverse("portal:switch_organisation"), {"organisation": second.pk})
    assert client.get(edit).status_code == 403


@pytest.mark.parametrize("value", ["foreign", "", "abc"])
def test_switching_to_an_organisation_the_person_does_not_belong_to_is_not_found(
    client, two_organisations, value
):
    person, first, _second = two_organisations
    foreign = OrganisationFactory(name="Fremder Verein")
    client.force_login(person)
    organisation = foreign.pk if value == "foreign" else value

    response = client.post(reverse("portal:switch_organisation"), {"organisation": organisation})

    assert response.status_code == 404
    assert client.get(HOME).context["portal"].organisation == first


def test_the_organisation_page_of_one_organisation_never_shows_another_ones_data(client, db):
    mine = OrganisationFactory(name="Mein Verein e. V.", street="Hofaue 1")
    other = OrganisationFactory(
        name="Anderer Verein e. V.",
        street="Geheimweg 99",
        contact_name="Petra Geheim",
        contact_email="petra@anderer.example",
    )
    other.bank_account.iban = "DE02500105170137075030"
    other.bank_account.save()
    me = MembershipFactory(organisation=mine, role="admin").user
    other_admin = MembershipFactory(
        organisation=other, role="admin", user=UserFactory(email="chefin@anderer.example")
    ).user
    Invitation.objects.create(
        organisation=other, email="neu@anderer.example", invited_by=other_admin
    )
    client.force_login(me)

    content = page(client.get(ORGANISATION))

    assert "Mein Verein e. V." in content and "Hofaue 1" in content
    assert me.email in content
    for secret in (
        "Anderer Verein",
        "Geheimweg 99",
        "Petra Geheim",
        "petra@anderer.example",
        "chefin@anderer.example",
        "neu@anderer.example",
        "DE02 5001 0517 0137 0750 30",
        "ING-DiBa",
    ):
        assert secret not in content, secret


def test_a_line_break_in_the_organisation_name_does_not_break_the_invitation_mail(
    applicant_client, organisation, mailoutbox, django_capture_on_commit_callbacks
):
    organisation.name = "Kulturverein\nBcc: alle@example.org"
    organisation.save()

    response = invite(applicant_client, "jonas@example.org", django_capture_on_commit_callbacks)

    assert response.status_code == 302
    assert mailoutbox[0].subject == "Einladung zu Kulturverein Bcc: alle@example.org in Fördertal"
    assert mailoutbox[0].bcc == []


def test_a_mail_server_failure_keeps_the_invitation_and_shows_no_error_page(
    client, applicant, monkeypatch, django_capture_on_commit_callbacks
):
    def refuse(*args, **kwargs):
        raise smtplib.SMTPServerDisconnected("Verbindung verloren")

    monkeypatch.setattr("applicants.notifications.send_mail", refuse)
    client.force_login(applicant)
    response = invite(client, "lea@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Invitation.objects.filter(email="lea@example.org").exists()
