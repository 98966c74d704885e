"""Meine Daten: the data download of Art. 15 and 20 DSGVO (a POST, so that every handing
out is deliberate and recorded in the audit log)."""

from django.conf import settings
from django.http import FileResponse
from django.utils.module_loading import import_string
from django.views.generic import TemplateView

from applicants.portal import PortalMixin


class MyDataView(PortalMixin, TemplateView):
    template_name = "applicants/my_data.html"

    def get_context_data(self, **kwargs):
        organisations = [membership.organisation for membership in self.request.portal.memberships]
        return super().get_context_data(organisations=organisations, **kwargs)

    def post(self, request):
        export = import_string(settings.PRIVACY_DATA_EXPORT)
        archive = export(person=request.user, actor=request.user)
        return FileResponse(
            archive.file,
            as_attachment=True,
            filename=archive.filename,
            content_type="application/zip",
        )
