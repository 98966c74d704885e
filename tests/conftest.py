import pytest
from django.test import Client

from tests.core.login_helpers import second_factor_passed
from tests.factories import (
    ApplicationFactory,
    CallFactory,
    MembershipFactory,
    OrganisationFactory,
    ProgrammeFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _force_login_gives_staff_both_factors():
    """`client.force_login(user)` for a person of staff (a staff role, the admin flag) stands for
    a completed login with password AND second factor: the person gets a confirmed TOTP device
    and the session is marked verified with django-otp's session key, as django_otp.login does.
    Without this every staff page would send such a test to the code page. The tests of the
    second factor itself (tests/core/test_login_*.py) use the real login pages with real codes
    and, where they need a session without the second factor, remove the key again.

    Its own MonkeyPatch, so that a test's `monkeypatch.undo()` leaves it in place."""
    force_login = Client.force_login

    def force_login_with_second_factor(self, user, backend=None):
        force_login(self, user, backend)
        second_factor_passed(self, user)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Client, "force_login", force_login_with_second_factor)
        yield


@pytest.fixture
def applicant(db):
    """A person who administers an organisation."""
    return MembershipFactory(role="admin").user


@pytest.fixture
def organisation(applicant):
    return applicant.memberships.get().organisation


@pytest.fixture
def other_applicant(db):
    """A person of a different organisation."""
    return MembershipFactory(role="admin").user


@pytest.fixture
def programme(db):
    return ProgrammeFactory()


@pytest.fixture
def call(programme):
    return CallFactory(programme=programme)


@pytest.fixture
def draft(organisation, call, applicant):
    return ApplicationFactory(organisation=organisation, call=call, created_by=applicant)


@pytest.fixture
def applicant_client(client, applicant):
    client.force_login(applicant)
    return client


__all__ = ["OrganisationFactory", "UserFactory"]
