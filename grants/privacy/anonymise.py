"""The grants part of an anonymisation: a file name may name the person who uploaded it
("Lebenslauf Ayşe Yılmaz.pdf"); the stored file and its row stay."""

from pathlib import PurePath

from grants.models import Attachment


def attachment_names_anonymise(*, person) -> int:
    """Rename the person's uploads to "Unterlage-<id>.<suffix>"; returns how many."""
    count = 0
    for attachment in Attachment.objects.filter(uploaded_by=person):
        suffix = PurePath(attachment.original_name).suffix.lower()
        suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 6 else ""
        attachment.original_name = f"Unterlage-{attachment.pk}{suffix}"
        attachment.save(update_fields=["original_name"])
        count += 1
    return count
