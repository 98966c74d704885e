from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from applicants.portal import PortalMixin
from grants.forms import AttachmentForm
from grants.selectors import application_for_member, attachment_for_member, notice_for_member
from grants.services.attachment import attachment_add, attachment_delete
from grants.services.delivery import notice_retrieve
from grants.services.errors import NotAllowed


class AttachmentUploadView(PortalMixin, View):
    """Upload a document to a draft (POST only); errors come back as messages."""

    def post(self, request, pk):
        application = application_for_member(request.user, pk)
        form = AttachmentForm(request.POST, request.FILES, programme=application.programme)
        page = "edit" if request.POST.get("back") == "edit" else "detail"
        back = redirect(f"portal:application_{page}", pk=application.pk)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
            return back
        try:
            attachment = attachment_add(
                application=application,
                user=request.user,
                uploaded_file=form.cleaned_data["file"],
                required_document=form.cleaned_data["required_document"],
            )
        except (ValidationError, NotAllowed) as refusal:
            for error in getattr(refusal, "messages", [str(refusal)]):
                messages.error(request, error)
        else:
            messages.success(
                request, _("„%(name)s“ ist hochgeladen.") % {"name": attachment.original_name}
            )
        return back


class AttachmentDownloadView(PortalMixin, View):
    """Download an attachment: only members of the applying organisation."""

    def get(self, request, pk):
        attachment = attachment_for_member(request.user, pk)
        return FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.original_name,
            content_type=attachment.content_type,
        )


class AttachmentDeleteView(PortalMixin, View):
    def post(self, request, pk):
        attachment = attachment_for_member(request.user, pk)
        application_pk = attachment.application_id
        attachment_delete(attachment=attachment, user=request.user)
        messages.success(request, _("Die Unterlage ist gelöscht."))
        return redirect("portal:application_detail", pk=application_pk)


class NoticeDownloadView(PortalMixin, View):
    """The notice PDF: only members of the applying organisation. The first download of a
    notice provided in the portal is its retrieval: delivered on the next day."""

    def get(self, request, pk):
        notice = notice_for_member(request.user, pk)
        notice = notice_retrieve(notice=notice, user=request.user)  # § 41 Abs. 2a VwVfG
        return FileResponse(
            notice.file.open("rb"), filename=notice.filename, content_type="application/pdf"
        )
