import pytest

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
