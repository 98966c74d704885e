from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.uploads import check_count, check_upload
from grants.models import Application, Attachment, RequiredDocument
from grants.permissions import can_edit_application
from grants.services.errors import NotAllowed


def attachment_add(
    *, application: Application, user, uploaded_file, required_document: RequiredDocument | None
) -> Attachment:
    """Attach a checked file to a draft application."""
    if not can_edit_application(user, application):
        raise NotAllowed(_("Zu diesem Antrag können keine Unterlagen mehr hochgeladen werden."))
    if required_document is not None and required_document.programme_id != (
        application.call.programme_id
    ):
        raise NotAllowed(_("Diese Unterlage gehört nicht zu dem Förderprogramm des Antrags."))
    checked = check_upload(uploaded_file)
    check_count(_count(application))  # before the file is written
    attachment = Attachment(
        application=application,
        required_document=required_document,
        original_name=uploaded_file.name[-255:],
        content_type=checked.content_type,
        size=checked.size,
        uploaded_by=user,
    )
    attachment.file.save(uploaded_file.name, uploaded_file, save=False)
    try:
        with transaction.atomic():
            # Under the lock of the application, parallel uploads are counted one by one.
            Application.objects.select_for_update().get(pk=application.pk)
            check_count(_count(application))
            attachment.full_clean()
            attachment.save()
            audit_record(
                actor=user,
                action="grants.attachment.added",
                obj=application,
                after={"attachment": attachment.pk, "name": attachment.original_name},
            )
    except Exception:
        attachment.file.delete(save=False)  # nothing half-saved: no file without its row
        raise
    return attachment


def _count(application: Application) -> int:
    return Attachment.objects.filter(application_id=application.pk).count()


def attachment_delete(*, attachment: Attachment, user) -> None:
    """Remove an attachment from a draft application."""
    application = attachment.application
    if not can_edit_application(user, application):
        raise NotAllowed(_("Unterlagen eines eingereichten Antrags können nicht gelöscht werden."))
    with transaction.atomic():
        name, pk = attachment.original_name, attachment.pk
        storage, path = attachment.file.storage, attachment.file.name
        attachment.delete()
        audit_record(
            actor=user,
            action="grants.attachment.deleted",
            obj=application,
            before={"attachment": pk, "name": name},
        )
        transaction.on_commit(lambda: storage.delete(path))
