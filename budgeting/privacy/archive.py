"""The data download (Art. 15 and 20 DSGVO): one ZIP with a JSON file of everything stored
about the person and their organisations, and the files they uploaded and received."""

import json
import tempfile
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from applicants.privacy.export import applicants_section, organisations_of
from budgeting.privacy.export import budgeting_section
from core.audit import audit_record
from core.privacy.people import PeopleLabels
from core.privacy.sections import ExportSection, audit_rows
from grants.privacy.export import applications_of, grants_section

FORMAT = "foerdertal-datenauskunft-1"
# Files up to this size stay in memory while the archive is written.
SPOOL_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class DataArchive:
    file: IO[bytes]
    filename: str
    missing_files: list[str]


def personal_data_collect(*, person) -> tuple[dict, list]:
    """Everything about the person as JSON-ready data, and the files that belong to it."""
    people = PeopleLabels(person)
    organisations = organisations_of(person)
    applications = applications_of(organisations)
    sections: list[ExportSection] = [
        applicants_section(person, organisations, people),
        grants_section(applications, people),
        budgeting_section(applications, people),
    ]
    data = {"format": FORMAT, "created_at": timezone.now()}
    labels, files, objects = {}, [], []
    for section in sections:
        data.update(section.tables)
        labels.update(section.labels)
        files += section.files
        objects += section.objects
    data["audit_entries"] = audit_rows(objects, people)
    data["field_labels"] = labels
    return data, files


def personal_data_export(*, person, actor) -> DataArchive:
    """Write the archive and record in the audit log that it was handed out (to `actor`)."""
    with transaction.atomic():
        data, files = personal_data_collect(person=person)
        archive = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115
        missing = _write_zip(archive, data, files)
        audit_record(
            actor=actor,
            action="core.person.data_exported",
            obj=person,
            after={
                "organisations": [row["id"] for row in data["organisations"]],
                "applications": len(data["applications"]),
                "files": len(files) - len(missing),
            },
        )
    archive.seek(0)
    day = timezone.localdate().isoformat()
    return DataArchive(file=archive, filename=f"meine-daten-{day}.zip", missing_files=missing)


def _write_zip(archive, data: dict, files) -> list[str]:
    missing = []
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for item in files:
            if not item.storage_name or not default_storage.exists(item.storage_name):
                missing.append(item.archive_name)
                continue
            with (
                default_storage.open(item.storage_name, "rb") as source,
                zipped.open(item.archive_name, "w", force_zip64=True) as target,
            ):
                while chunk := source.read(1024 * 1024):
                    target.write(chunk)
        data["missing_files"] = missing
        text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        zipped.writestr("daten.json", text)
        zipped.writestr("LIESMICH.txt", render_to_string("privacy/export_readme.txt", data))
    return missing
