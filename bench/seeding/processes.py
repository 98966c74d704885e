"""Viewflow processes and tasks of the applications, payment requests and reports.

About a third of the open human tasks are assigned to the demo staff member of their role, so
that viewflow's inbox has rows; the rest wait NEW in the queue.
"""

from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from bench.seeding.common import Case, Context, S
from bench.seeding.workflow_rows import (
    APPLICATION_STEPS,
    PAYOUT_STEPS,
    REPORT_STEPS,
    ProcessBuilder,
)
from budgeting.models import PaymentRequest
from grants.models import Application, Report
from workflow.application.flow import ApplicationFlow
from workflow.payout.flow import PayoutFlow
from workflow.report.flow import ReportFlow

ASSIGNED_SHARE = 0.3


def processes_create(ctx: Context, cases: list[Case], payouts, reports) -> ProcessBuilder:
    """Write every process with its tasks and links; returns the builder (for the counts)."""
    builder = ProcessBuilder(staff=ctx.staff)
    _applications(ctx, builder, cases)
    request_type = ContentType.objects.get_for_model(PaymentRequest)
    for request, state in payouts:
        builder.add(
            flow=PayoutFlow,
            steps=PAYOUT_STEPS[state],
            content_type=request_type,
            object_id=request.pk,
            start=request.requested_at,
            end=request.released_at or request.requested_at,
            assign=_assign(ctx),
        )
    report_type = ContentType.objects.get_for_model(Report)
    for report in reports:
        if report.status in REPORT_STEPS:
            builder.add(
                flow=ReportFlow,
                steps=REPORT_STEPS[report.status],
                content_type=report_type,
                object_id=report.pk,
                start=report.submitted_at,
                end=report.accepted_at or report.submitted_at,
                assign=_assign(ctx),
            )
    builder.write(ctx.batch_size)
    _reset_sequences()
    return builder


def _applications(ctx: Context, builder: ProcessBuilder, cases: list[Case]) -> None:
    app_type = ContentType.objects.get_for_model(Application)
    for case in cases:
        app = case.app
        if app.status == S.DRAFT:
            continue
        end = case.decided_at or app.submitted_at
        if app.status in (S.SUBMITTED, S.WITHDRAWN):
            end = app.submitted_at + timedelta(days=1)
        builder.add(
            flow=ApplicationFlow,
            steps=APPLICATION_STEPS[app.status],
            content_type=app_type,
            object_id=app.pk,
            start=app.submitted_at,
            end=max(end, app.submitted_at),
            assign=_assign(ctx),
        )


def _assign(ctx: Context) -> bool:
    return ctx.rng.random() < ASSIGNED_SHARE


def _reset_sequences() -> None:
    """Processes and tasks got explicit ids: move PostgreSQL's sequences past them."""
    from viewflow.workflow.models import Process, Task

    if connection.vendor != "postgresql":
        return
    from django.core.management.color import no_style

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Process, Task]):
            cursor.execute(sql)
