"""Staff exports of the filtered application list: small ones at once, large ones as a
background job with a progress page that only the person who asked for it sees."""

import io

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from core.exports import write_csv, write_xlsx
from grants.exports import applications_export
from grants.selectors import applications_for_staff
from workflow.export_jobs import export_job_run
from workflow.models import ExportJob
from workflow.models_export import ExportJobStatus

FORMATS = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


class ApplicationExportView(View):
    """The list's query string plus format=xlsx|csv: exactly the rows the filter shows."""

    def get(self, request):
        file_format = request.GET.get("format", "xlsx")
        if file_format not in FORMATS:
            raise Http404
        params = request.GET.copy()
        params.pop("page", None)
        filterset = applications_for_staff(params)
        if filterset.qs.count() > settings.EXPORT_SYNC_LIMIT:
            job = ExportJob.objects.create(
                user=request.user, kind="applications", params=dict(params.lists())
            )
            export_job_run.enqueue(job.pk)
            return redirect("antraege:export_job", pk=job.pk)
        export = applications_export(filterset)
        filename = f"antraege-{timezone.localdate():%Y-%m-%d}.{file_format}"
        if file_format == "csv":
            response = HttpResponse(write_csv(export), content_type=FORMATS["csv"])
        else:
            output = io.BytesIO()
            write_xlsx(export, output)
            response = HttpResponse(output.getvalue(), content_type=FORMATS["xlsx"])
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


def own_job(request, pk) -> ExportJob:
    return get_object_or_404(ExportJob, pk=pk, user=request.user)


class ExportJobView(View):
    """Progress of a background export; refreshes itself every 2 s until it is finished."""

    def get(self, request, pk):
        job = own_job(request, pk)
        running = job.status in (ExportJobStatus.QUEUED, ExportJobStatus.RUNNING)
        context = {"job": job, "running": running, "done": job.status == ExportJobStatus.DONE}
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
