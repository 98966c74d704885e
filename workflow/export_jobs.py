"""Exports too large for the request run as a Django task and count their progress."""

import io
import logging
import tempfile

from django.core.files import File
from django.http import QueryDict
from django.tasks import task
from django.utils import timezone

from core.exports import Export, write_csv_to, write_xlsx
from grants.exports import applications_export
from grants.selectors import applications_for_staff
from workflow.models import ExportJob
from workflow.models_export import ExportJobStatus

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 500
EXPORT_KINDS = {"applications": (applications_for_staff, applications_export)}


def query_of(params: dict) -> QueryDict:
    query = QueryDict(mutable=True)
    for key, values in params.items():
        query.setlist(key, values)
    return query


def counted(rows, job: ExportJob):
    """The rows unchanged; every PROGRESS_EVERY rows the job's counter is saved."""
    for number, row in enumerate(rows, start=1):
        yield row
        if number % PROGRESS_EVERY == 0:
            job.done = number
            job.save(update_fields=["done"])


def export_write(export: Export, file_format: str, stream) -> None:
    """Write the export to a binary stream: CSV as UTF-8 text, otherwise XLSX."""
    if file_format == "csv":
        text = io.TextIOWrapper(stream, encoding="utf-8", newline="")
        write_csv_to(export, text)
        text.flush()
        text.detach()
    else:
        write_xlsx(export, stream)


@task
def export_job_run(job_id: int) -> int:
    """Build the export of the job, write it to a temporary file and store that file."""
    job = ExportJob.objects.get(pk=job_id)
    selector, builder = EXPORT_KINDS[job.kind]
    try:
        filterset = selector(query_of(job.params))
        job.status = ExportJobStatus.RUNNING
        job.total = filterset.qs.count()
        job.save(update_fields=["status", "total"])
        export = builder(filterset)
        export.rows = counted(export.rows, job)
        with tempfile.TemporaryFile() as temporary:
            export_write(export, job.file_format, temporary)
            temporary.seek(0)
            job.file.save(job.filename, File(temporary), save=False)
    except Exception as error:
        logger.exception("Export job %s failed", job_id)
        job.status = ExportJobStatus.FAILED
        job.error = str(error)
        job.finished_at = timezone.now()
        job.save(update_fields=["status", "error", "finished_at"])
        return 0
    job.status = ExportJobStatus.DONE
    job.done = job.total
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "done", "file", "finished_at"])
    return job.done
