"""Exports too large for the request run as a Django task and count their progress."""

import logging
import tempfile

from django.core.files import File
from django.http import QueryDict
from django.tasks import task
from django.utils import timezone

from workflow.export_kinds import EXPORTS
from workflow.models import ExportJob
from workflow.models_export import ExportJobStatus

logger = logging.getLogger(__name__)
PROGRESS_EVERY = 500


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


@task
def export_job_run(job_id: int) -> int:
    """Build the export of the job, write it to a temporary file and store that file."""
    job = ExportJob.objects.get(pk=job_id)
    kind = EXPORTS[job.kind]
    params = query_of(job.params)
    try:
        job.status = ExportJobStatus.RUNNING
        job.total = kind.rows_total(params)
        job.save(update_fields=["status", "total"])
        with tempfile.TemporaryFile() as temporary:
            kind.write(params, job.file_format, temporary, track=lambda rows: counted(rows, job))
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
