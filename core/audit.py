"""Writing the audit trail: call inside the transaction that makes the change."""

from django.db import models

from core.models import AuditEntry


def audit_record(
    *, actor, action: str, obj: models.Model, before: dict | None = None, after: dict | None = None
) -> AuditEntry:
    """Record that `actor` did `action` (e.g. grants.application.submitted) on `obj`."""
    entry = AuditEntry(
        actor=actor if actor is not None and actor.is_authenticated else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        before=before or {},
        after=after or {},
    )
    entry.full_clean()
    entry.save()
    return entry
