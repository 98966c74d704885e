from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from core.roles import ADMINISTRATION, APPLICANT, APPROVER, CASEWORKER, FINANCE, REVIEWER, ROLES
from core.services import roles_ensure

MANAGED = {
    "grants": ("programme", "call", "criterion", "requireddocument", "indicator", "theme"),
    "core": ("district", "user"),
}
ADMINISTRATION_PERMS = {
    f"{app}.{action}_{model}"
    for app, models in MANAGED.items()
    for model in models
    for action in ("add", "change", "delete", "view")
} | {
    "core.view_auditentry",
    "applicants.view_organisation",
    "auth.view_group",
    "workflow.view_applicationprocess",
    "grants.view_caseprocedure",  # the cases' frozen procedures, read-only
}
CASE = "workflow.view_applicationprocess"
PAYOUT = "workflow.view_payoutprocess"
TASK_PERMS = {
    CASEWORKER: {
        "grants.check_application",
        "grants.decide_light",  # the light track's decision
        "grants.view_idea",
        "grants.advise_idea",
        CASE,
        PAYOUT,
        "workflow.sign_factual",
        "workflow.view_reportprocess",
        "workflow.view_changeprocess",
    },
    REVIEWER: {"grants.review_application", CASE},
    APPROVER: {"grants.decide_application", CASE, "workflow.view_changeprocess"},
    FINANCE: {
        "grants.check_budget",
        CASE,
        PAYOUT,
        "workflow.view_reportprocess",
        "workflow.sign_arithmetic",
        "workflow.release_payment",
        *{
            f"budgeting.{action}_{model}"
            for model in ("fundingsource", "budgetline")
            for action in ("add", "change", "delete", "view")
        },
        "budgeting.view_ledgerentry",
        "budgeting.view_budgetallocation",
        "budgeting.view_paymentrequest",
        *{f"budgeting.{action}_baserate" for action in ("add", "change", "delete", "view")},
        *{f"budgeting.{action}_cofundingpledge" for action in ("add", "change", "delete", "view")},
    },
}


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
def test_each_role_gets_exactly_its_permissions():
    groups = roles_ensure()
    assert group_perms(groups[ADMINISTRATION]) == ADMINISTRATION_PERMS
    for role, perms in TASK_PERMS.items():
        assert group_perms(groups[role]) == perms, role
    assert group_perms(groups[APPLICANT]) == set()


@pytest.mark.django_db
def test_no_role_may_manage_processes_by_hand():
    """Cancelling or undoing a process in viewflow would bypass the ledger and the audit."""
    for group in roles_ensure().values():
        assert "workflow.manage_applicationprocess" not in group_perms(group)


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
