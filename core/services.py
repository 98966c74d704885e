"""Writes of the core app: the role groups and their permissions."""

from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from core.roles import ADMINISTRATION, ROLES

ALL = ("add", "change", "delete", "view")
VIEW = ("view",)

# Model permissions of each role group, by model label; the other groups work through the
# application's own permission predicates, not through Django's model permissions.
ROLE_PERMISSIONS: dict[str, dict[str, tuple[str, ...]]] = {
    ADMINISTRATION: {
        "grants.Programme": ALL,
        "grants.Call": ALL,
        "grants.Criterion": ALL,
        "grants.RequiredDocument": ALL,
        "grants.Theme": ALL,
        "core.District": ALL,
        "core.AuditEntry": VIEW,
        "applicants.Organisation": VIEW,
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
        content_type = ContentType.objects.get_for_model(model)
        permissions += [
            Permission.objects.get(
                content_type=content_type, codename=f"{action}_{model._meta.model_name}"
            )
            for action in actions
        ]
    return permissions
