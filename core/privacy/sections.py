"""A part of a person's data export: tables of rows, the files that belong to them and the
objects whose audit entries are part of the export."""

from dataclasses import dataclass, field

from django.core.exceptions import SuspiciousFileOperation
from django.db import models
from django.db.models import Q
from django.utils.text import get_valid_filename

from core.audit_labels import audit_label
from core.models import AuditEntry
from core.privacy.people import PeopleLabels
from core.privacy.serialise import field_labels


@dataclass(frozen=True)
class ExportFile:
    """A stored file and its path inside the archive."""

    storage_name: str
    archive_name: str


def safe_filename(name: str, fallback: str = "datei") -> str:
    """A file name that is safe inside an archive (no directories, no odd characters)."""
    try:
        return get_valid_filename(name)
    except SuspiciousFileOperation:
        return fallback


@dataclass
class ExportSection:
    tables: dict[str, list[dict]] = field(default_factory=dict)
    files: list[ExportFile] = field(default_factory=list)
    objects: list[models.Model] = field(default_factory=list)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)

    def add(self, name: str, rows: list[dict], *, model=None, objects=()) -> None:
        self.tables[name] = rows
        self.objects.extend(objects)
        if model is not None:
            self.labels.update(field_labels(model))


def audit_rows(objects, people: PeopleLabels) -> list[dict]:
    """Every audit entry about one of the objects (never entries about anything else)."""
    ids: dict[str, set[str]] = {}
    for obj in objects:
        ids.setdefault(obj._meta.label_lower, set()).add(str(obj.pk))
    if not ids:
        return []
    query = Q()
    for object_type, object_ids in ids.items():
        query |= Q(object_type=object_type, object_id__in=sorted(object_ids))
    return [
        {
            "created_at": entry.created_at,
            "actor": people.label(entry.actor_id),
            "action": entry.action,
            "action_label": str(audit_label(entry.action)),
            "object_type": entry.object_type,
            "object_id": entry.object_id,
            "before": entry.before,
            "after": entry.after,
        }
        for entry in AuditEntry.objects.filter(query).order_by("created_at", "pk")
    ]
