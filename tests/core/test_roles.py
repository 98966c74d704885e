from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from core.roles import ADMINISTRATION, ROLES
from core.services import roles_ensure

MANAGED = {
    "grants": ("programme", "call", "criterion", "requireddocument", "theme"),
    "core": ("district",),
}
ADMINISTRATION_PERMS = {
    f"{app}.{action}_{model}"
    for app, models in MANAGED.items()
    for model in models
    for action in ("add", "change", "delete", "view")
} | {"core.view_auditentry", "applicants.view_organisation"}


def group_perms(group: Group) -> set[str]:
    return {
        f"{app}.{codename}"
        for app, codename in group.permissions.values_list("content_type__app_label", "codename")
    }


@pytest.mark.django_db
def test_setup_roles_creates_every_role_group():
    out = StringIO()
    call_command("setup_roles", stdout=out)
    assert set(Group.objects.values_list("name", flat=True)) >= set(ROLES)
    assert "Rollengruppen eingerichtet" in out.getvalue()


@pytest.mark.django_db
def test_administration_gets_exactly_the_master_data_permissions():
    groups = roles_ensure()
    assert group_perms(groups[ADMINISTRATION]) == ADMINISTRATION_PERMS
    for name, group in groups.items():
        if name != ADMINISTRATION:
            assert group_perms(group) == set(), name


@pytest.mark.django_db
def test_member_of_administration_has_the_permissions(django_user_model):
    roles_ensure()
    user = django_user_model.objects.create_user(email="verwaltung@example.org", password="x")
    user.groups.add(Group.objects.get(name=ADMINISTRATION))
    assert user.has_perm("grants.change_programme")
    assert user.has_perm("core.add_district")
    assert user.has_perm("core.view_auditentry")
    assert not user.has_perm("core.change_auditentry")
    assert not user.has_perm("applicants.change_organisation")


@pytest.mark.django_db
def test_setup_roles_is_idempotent():
    call_command("setup_roles", stdout=StringIO())
    before = {g.name: group_perms(g) for g in Group.objects.all()}
    call_command("setup_roles", stdout=StringIO())
    after = {g.name: group_perms(g) for g in Group.objects.all()}
    assert after == before
    assert Group.objects.count() == len(ROLES)
