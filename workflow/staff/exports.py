"""Staff exports of filtered lists and the budget sheet: small ones at once, large ones as a
background job with a progress page that only the person who asked for it sees."""

import io

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from core.errors import NotAllowed
from core.roles import ROLES, has_role
from workflow.export_jobs import export_job_run
from workflow.export_kinds import EXPORTS, FORMATS
from workflow.models import ExportJob
from workflow.models_export import ExportJobStatus


def export_response(request, name: str, params, file_format: str):
    """The file of the export, or above EXPORT_SYNC_LIMIT rows a job and its progress page."""
    kind = EXPORTS[name]
    if file_format not in kind.formats:
        raise Http404
    if kind.role and not has_role(request.user, kind.role):
        raise NotAllowed(
            _("Dieser Export ist der Rolle „%(role)s“ vorbehalten.") % {"role": ROLES[kind.role]}
        )
    params = params.copy()
    params.pop("page", None)
    params["format"] = file_format
    filename = kind.filename(params, file_format)
    if kind.rows_total(params) > settings.EXPORT_SYNC_LIMIT:
        job = ExportJob.objects.create(
            user=request.user, kind=name, params=dict(params.lists()), filename=filename
        )
        export_job_run.enqueue(job.pk)
        return redirect("antraege:export_job", pk=job.pk)
    output = io.BytesIO()
    kind.write(params, file_format, output)
    response = HttpResponse(output.getvalue(), content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class ApplicationExportView(View):
    """The application list's query string plus format=xlsx|csv: exactly the filtered rows."""

    def get(self, request):
        return export_response(
            request, "applications", request.GET, request.GET.get("format", "xlsx")
        )


def own_job(request, pk) -> ExportJob:
    return get_object_or_404(ExportJob, pk=pk, user=request.user)


class ExportJobView(View):
    """Progress of a background export; refreshes itself every 2 s until it is finished."""

    def get(self, request, pk):
        job = own_job(request, pk)
        kind = EXPORTS[job.kind]
        context = {
            "job": job,
            "title": kind.title,
            "list_url": kind.list_url,
            "running": job.status in (ExportJobStatus.QUEUED, ExportJobStatus.RUNNING),
            "done": job.status == ExportJobStatus.DONE,
        }
        return render(request, "workflow/staff/export_job.html", context)


class ExportDownloadView(View):
    def get(self, request, pk):
        job = own_job(request, pk)
        if job.status != ExportJobStatus.DONE or not job.file:
            raise Http404
        return FileResponse(
            job.file.open("rb"),
            as_attachment=True,
            filename=job.filename,
            content_type=FORMATS.get(job.file_format, "application/octet-stream"),
        )
