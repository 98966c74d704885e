"""Zwischen- and Verwendungsnachweise of every grant that became final, scheduled as
grants.services.report.reports_schedule does, with the checks their status implies.

A final grant's Verwendungsnachweis is never accepted (accepting it settles the grant); the
reports of settled and closed grants are all accepted, the final one on the settlement day.
Reports due within DEADLINE_DAYS or overdue are mostly submitted, so that the deadlines page
lists a few hundred at 100,000 applications, not thousands.
"""

import datetime
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from bench.seeding.common import Case, Context, S
from bench.seeding.lifecycle import AFTER_FINAL
from grants.models import Report, ReportCheck, ReportCheckResult, ReportKind, ReportStatus
from grants.services.report import INTERIM_DUE_DAY, INTERIM_DUE_MONTH

R = ReportStatus
DEADLINE_DAYS = 14  # workflow.selectors.DEADLINE_WINDOW_DAYS
RECENT_DAYS = 30
# (kind, recently due?) -> statuses and weights of a final grant's report that is due.
DUE_STATES = {
    (ReportKind.FINAL, True): ((R.DRAFT, R.SUBMITTED, R.REVISION_REQUESTED), (45, 45, 10)),
    (ReportKind.FINAL, False): ((R.SUBMITTED, R.REVISION_REQUESTED, R.DRAFT), (992, 5, 3)),
    (ReportKind.INTERIM, True): (
        (R.DRAFT, R.SUBMITTED, R.REVISION_REQUESTED, R.ACCEPTED),
        (40, 35, 10, 15),
    ),
    (ReportKind.INTERIM, False): (
        (R.ACCEPTED, R.SUBMITTED, R.REVISION_REQUESTED, R.DRAFT),
        (960, 32, 5, 3),
    ),
}
REVISION_MESSAGE = "Bitte ergänzen Sie die Belegliste um die Honorarverträge."


def reports_create(ctx: Context, cases: list[Case]) -> dict[str, list]:
    """The reports and report checks; a checked report has one round."""
    reports = []
    for case in cases:
        if case.status in AFTER_FINAL:
            for report in _scheduled(ctx, case):
                _progress(ctx, case, report)
                reports.append(report)
    ctx.bulk(Report, reports)
    checks = [_check(ctx, r) for r in reports if r.status in (R.ACCEPTED, R.REVISION_REQUESTED)]
    ctx.bulk(ReportCheck, checks)
    return {"reports": reports, "report_checks": checks}


def _scheduled(ctx: Context, case: Case) -> list[Report]:
    """A Zwischennachweis per calendar year the project runs past (where the programme asks
    for it), due 30 April after; the Verwendungsnachweis `final_report_months` after the end."""
    app, programme = case.app, case.programme
    start, end = app.project_start, app.project_end
    created = ctx.aware(app.final_on)
    periods = []
    if programme.requires_interim_report:
        for year in range(start.year, end.year):
            due = datetime.date(year + 1, INTERIM_DUE_MONTH, INTERIM_DUE_DAY)
            periods.append((ReportKind.INTERIM, max(start, datetime.date(year, 1, 1)), year, due))
    final_due = end + relativedelta(months=programme.final_report_months)
    periods.append((ReportKind.FINAL, start, None, final_due))
    return [
        Report(
            application_id=app.pk,
            kind=kind,
            period_start=period_start,
            period_end=end if year is None else datetime.date(year, 12, 31),
            due_on=due,
            created_at=created,
            updated_at=created,
        )
        for kind, period_start, year, due in periods
    ]


def _progress(ctx: Context, case: Case, report: Report) -> None:
    """Status and times: all accepted for a settled grant; by due date for a final one."""
    if case.status in (S.SETTLED, S.CLOSED):
        report.status = R.ACCEPTED
        if report.kind == ReportKind.FINAL:
            report.accepted_at = case.ended_at
            submitted = case.ended_at - timedelta(days=ctx.rng.randrange(7, 40))
            report.submitted_at = max(submitted, ctx.aware(report.period_end + timedelta(1)))
        else:
            _submit(ctx, report, case.ended_at)
    elif report.due_on > ctx.today + timedelta(days=DEADLINE_DAYS):
        report.status = R.DRAFT
    else:
        recent = report.due_on >= ctx.today - timedelta(days=RECENT_DAYS)
        statuses, weights = DUE_STATES[report.kind, recent]
        report.status = ctx.rng.choices(statuses, weights)[0]
        if report.status != R.DRAFT:
            _submit(ctx, report, ctx.now)
    if report.submitted_at is not None:
        report.submitted_by = case.author
        report.work_done = "Die geplanten Treffen und Kurse haben stattgefunden."
        report.updated_at = report.accepted_at or report.submitted_at


def _submit(ctx: Context, report: Report, latest: datetime.datetime) -> None:
    """Submitted up to 25 days before it was due, after its period; accepted days later."""
    day = report.due_on - timedelta(days=ctx.rng.randrange(0, 25))
    day = max(day, report.period_end + timedelta(days=1))
    report.submitted_at = min(ctx.aware(day), latest - timedelta(days=1))
    if report.status == R.ACCEPTED:
        checked = report.submitted_at + timedelta(days=ctx.rng.randrange(3, 30))
        report.accepted_at = min(checked, latest)


def _check(ctx: Context, report: Report) -> ReportCheck:
    accepted = report.status == R.ACCEPTED
    checked = report.accepted_at or min(
        report.submitted_at + timedelta(days=ctx.rng.randrange(3, 20)), ctx.now
    )
    return ReportCheck(
        report_id=report.pk,
        round=1,
        result=ReportCheckResult.ACCEPTED if accepted else ReportCheckResult.REVISION,
        message="" if accepted else REVISION_MESSAGE,
        checked_by=ctx.staff["caseworker"],
        checked_at=checked,
    )
