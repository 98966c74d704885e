"""Writes of the core app: the role groups and their permissions; a person's language."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core.models import User
from core.roles import ADMINISTRATION, APPROVER, CASEWORKER, FINANCE, REVIEWER, ROLES

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# Permissions of each role group, by model label: an action ("view") stands for
# "<action>_<model>", a name with an underscore is a permission's full codename. Task
# permissions decide whose queue a task lands in; the services still check rule 4.
CASE = "workflow.ApplicationProcess"
PAYOUT = "workflow.PayoutProcess"
REPORT = "workflow.ReportProcess"
CHANGE = "workflow.ChangeProcess"
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    CASEWORKER: {
        "grants.Application": ("check_application", "decide_light"),
        "grants.Idea": ("view", "advise_idea"),
        CASE: VIEW,
        PAYOUT: ("view", "sign_factual"),
        REPORT: VIEW,
        CHANGE: VIEW,
    },
    REVIEWER: {"grants.Application": ("review_application",), CASE: VIEW},
    FINANCE: {
        "grants.Application": ("check_budget",),
        CASE: VIEW,
        PAYOUT: ("view", "sign_arithmetic", "release_payment"),
        REPORT: VIEW,
        "budgeting.FundingSource": ALL,
        "budgeting.BudgetLine": ALL,
        "budgeting.LedgerEntry": VIEW,
        "budgeting.BudgetAllocation": VIEW,
        "budgeting.BaseRate": ALL,
        "budgeting.CoFundingPledge": ALL,
        "budgeting.PaymentRequest": VIEW,
    },
    APPROVER: {"grants.Application": ("decide_application",), CASE: VIEW, CHANGE: VIEW},
    ADMINISTRATION: {
        "grants.Programme": ALL,
        "grants.CaseProcedure": VIEW,
        "grants.Call": ALL,
        "grants.Criterion": ALL,
        "grants.RequiredDocument": ALL,
        "grants.Indicator": ALL,
        "grants.Theme": ALL,
        "core.District": ALL,
        "core.AuditEntry": VIEW,
        "applicants.Organisation": VIEW,
        "core.User": ALL,
        "auth.Group": VIEW,
        CASE: VIEW,
    },
}


def roles_ensure() -> dict[str, Group]:
    """Create the role groups with their model permissions; running it again changes nothing."""
    with transaction.atomic():
        groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLES}
        for role, spec in ROLE_PERMISSIONS.items():
            groups[role].permissions.add(*_permissions(spec))
    return groups


def _permissions(spec: dict[str, tuple[str, ...]]) -> list[Permission]:
    models = {label: apps.get_model(label) for label in spec}
    # Normally created after `migrate`; created here too so the roles never miss one.
    for app_config in {model._meta.app_config for model in models.values()}:
        create_permissions(app_config, verbosity=0)
    permissions = []
    for label, actions in spec.items():
        model = models[label]
        content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
        permissions += [
            Permission.objects.get(
                content_type=content_type,
                codename=action if "_" in action else f"{action}_{model._meta.model_name}",
            )
            for action in actions
        ]
    return permissions


def user_language_set(*, user: User, language: str) -> User:
    """Save the language a person chose (one of settings.LANGUAGES)."""
    user.language = User._meta.get_field("language").clean(language, user)
    user.save(update_fields=["language"])
    return user
