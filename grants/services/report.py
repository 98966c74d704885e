"""Writes of reports (Zwischennachweis, Verwendungsnachweis): schedule, draft, submit, check.

Who may check a report (role Sachbearbeitung, not a member of the organisation) is decided by
the caller in workflow; these services guard the report's status and the rules of each step.
"""

import datetime
from collections import Counter
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from grants.models import (
    Application,
    CostActual,
    IncomeActual,
    Receipt,
    Report,
    ReportCheck,
    ReportCheckResult,
    ReportKind,
    ReportStatus,
)
from grants.reports.permissions import report_locked_for_edit
from grants.reports.rows import ReceiptRow
from grants.reports.rules import (
    COSTS,
    INCOME,
    RECEIPTS,
    SIMPLIFIED_WITHOUT_RECEIPTS,
    asks_for_receipts,
    receipt_date_refusal,
    report_submission_errors,
    report_totals,
)
from grants.reports.units import UNITS, report_unit_name, units_errors
from grants.sampling import simplified_proof_of
from grants.services.errors import NotAllowed, ReportRejected
from grants.services.indicator_actuals import IndicatorValue, indicator_actuals_replace

NARRATIVE_FIELDS = ("work_done", "what_worked", "what_did_not")
# Zwischennachweise are due on 30 April of the year after the calendar year they cover.
INTERIM_DUE_MONTH, INTERIM_DUE_DAY = 4, 30


@transaction.atomic
def reports_schedule(*, application: Application) -> list[Report]:
    """Create the reports the grant owes, if missing; existing reports stay as they are.

    The Verwendungsnachweis covers the project period and is due `final_report_months` after
    its end; where the programme asks for it, a Zwischennachweis covers each calendar year the
    project runs past and is due on 30 April of the following year.
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__programme", "procedure")
        .get(pk=application.pk)
    )
    start, end = application.project_start, application.project_end
    if start is None or end is None:
        raise ValidationError(_("Der Antrag hat keinen Projektzeitraum."))
    programme = application.call.programme
    wanted = []
    if programme.requires_interim_report:
        year_end = datetime.date(start.year, 12, 31)
        while year_end < end:
            wanted.append(
                Report(
                    application=application,
                    kind=ReportKind.INTERIM,
                    period_start=max(start, datetime.date(year_end.year, 1, 1)),
                    period_end=year_end,
                    due_on=datetime.date(year_end.year + 1, INTERIM_DUE_MONTH, INTERIM_DUE_DAY),
                )
            )
            year_end = datetime.date(year_end.year + 1, 12, 31)
    wanted.append(
        Report(
            application=application,
            kind=ReportKind.FINAL,
            period_start=start,
            period_end=end,
            due_on=end + relativedelta(months=programme.final_report_months),
            simplified=simplified_proof_of(application),
        )
    )
    existing = list(application.reports.all())
    have_final = any(r.kind == ReportKind.FINAL for r in existing)
    have_interim = {r.period_end for r in existing if r.kind == ReportKind.INTERIM}
    for report in wanted:
        if report.kind == ReportKind.FINAL and have_final:
            continue
        if report.kind == ReportKind.INTERIM and report.period_end in have_interim:
            continue
        report.full_clean()
        report.save()
        audit_record(
            actor=None,
            action="grants.report.created",
            obj=report,
            after={
                "kind": report.kind,
                "period_start": report.period_start,
                "period_end": report.period_end,
                "due_on": report.due_on,
                "application": application.pk,
                "simplified": report.simplified,
            },
        )
    return list(application.reports.order_by("due_on", "pk"))


@transaction.atomic
def report_save_draft(
    *,
    report: Report,
    user,
    data: dict,
    cost_actuals: dict[int, Decimal],
    income_actuals: dict[int, Decimal],
    receipts: list[ReceiptRow] | None,
    cost_comments: dict[int, str] | None = None,
    income_comments: dict[int, str] | None = None,
    indicator_values: dict[int, IndicatorValue] | None = None,
) -> Report:
    """Save the report as it is, complete or not; actuals and receipts replace the old ones.

    A cost or financing line without an amount (None or missing) has no actual yet;
    receipts None keeps the Belegliste as it is (a long list is changed by importing a file).
    The indicator values get their status computed; None leaves them as they are.
    """
    report = report_locked_for_edit(report, user)
    for field in NARRATIVE_FIELDS:
        setattr(report, field, data.get(field, getattr(report, field)))
    if report_unit_name(report) is not None:
        report.units_actual = data.get(UNITS, report.units_actual)
    report.full_clean()
    report.save()
    application = report.application
    _replace_actuals(
        report,
        model=CostActual,
        line_field="cost_line",
        line_ids=set(application.cost_lines.values_list("pk", flat=True)),
        amounts=cost_actuals,
        comments=cost_comments or {},
        section=COSTS,
    )
    _replace_actuals(
        report,
        model=IncomeActual,
        line_field="financing_line",
        line_ids=set(application.financing_lines.values_list("pk", flat=True)),
        amounts=income_actuals,
        comments=income_comments or {},
        section=INCOME,
    )
    if receipts is not None:
        _replace_receipts(report, receipts)
    if indicator_values is not None:
        indicator_actuals_replace(report=report, values=indicator_values)
    return report


@transaction.atomic
def report_receipts_replace(*, report: Report, user, receipts: list[ReceiptRow]) -> Report:
    """Replace the Belegliste as a whole (after an import); the rest of the report stays."""
    report = report_locked_for_edit(report, user)
    if not asks_for_receipts(report):
        raise NotAllowed(str(SIMPLIFIED_WITHOUT_RECEIPTS))
    _replace_receipts(report, receipts)
    report.save(update_fields=["updated_at"])
    return report


def _replace_actuals(report, *, model, line_field, line_ids, amounts, comments, section):
    if set(amounts) - line_ids or set(comments) - line_ids:
        raise ValidationError({section: _("Diese Position gehört nicht zum Antrag.")})
    rows = []
    for line_id, amount in amounts.items():
        if amount is None:
            continue
        row = model(report=report, amount=amount, comment=comments.get(line_id, "").strip())
        setattr(row, f"{line_field}_id", line_id)
        # Report and line are known to exist: no query per row to prove it again.
        row.full_clean(exclude=["report", line_field], validate_constraints=False)
        rows.append(row)
    model.objects.filter(report=report).delete()
    model.objects.bulk_create(rows)


def _replace_receipts(report: Report, receipts: list[ReceiptRow]) -> None:
    line_ids = set(report.application.cost_lines.values_list("pk", flat=True))
    given = [row.number for row in receipts if row.number is not None]
    duplicates = sorted(n for n, count in Counter(given).items() if count > 1)
    if duplicates:
        raise ValidationError(
            {
                RECEIPTS: _("Diese Belegnummern kommen mehrfach vor: %(numbers)s.")
                % {"numbers": ", ".join(map(str, duplicates))}
            }
        )
    next_number = max(given, default=0) + 1
    objects, problems = [], []
    for row in receipts:
        number = row.number
        if number is None:
            number, next_number = next_number, next_number + 1
        receipt = Receipt(
            report=report,
            number=number,
            date=row.date,
            payee=row.payee.strip(),
            purpose=row.purpose.strip(),
            amount=row.amount,
            cost_line_id=row.cost_line_id,
        )
        future = receipt_date_refusal(row.date)
        if future:
            problems.append(
                _("Beleg Nr. %(number)s: %(problem)s") % {"number": number, "problem": future}
            )
        if row.cost_line_id is not None and row.cost_line_id not in line_ids:
            problems.append(
                _("Beleg Nr. %(number)s: Diese Kostenposition gehört nicht zum Antrag.")
                % {"number": number}
            )
        try:
            # Report, cost line and unique numbers are checked for the whole list above.
            receipt.full_clean(exclude=["report", "cost_line"], validate_constraints=False)
        except ValidationError as error:
            problems += [
                _("Beleg Nr. %(number)s: %(problem)s") % {"number": number, "problem": problem}
                for problem in error.messages
            ]
        objects.append(receipt)
    if problems:
        raise ValidationError({RECEIPTS: problems})
    Receipt.objects.filter(report=report).delete()
    Receipt.objects.bulk_create(objects)


@transaction.atomic
def report_submit(*, report: Report, user) -> Report:
    """Submit the report if it meets every rule; a resubmission answers the open request."""
    report = report_locked_for_edit(report, user)
    errors = report_submission_errors(report) | units_errors(report)
    if errors:
        raise ReportRejected(errors)
    now = timezone.now()
    before = {"status": report.status}
    resubmission = report.status == ReportStatus.REVISION_REQUESTED
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = now
    report.submitted_by = user
    report.save(update_fields=["status", "submitted_at", "submitted_by", "updated_at"])
    if resubmission:
        report.checks.filter(result=ReportCheckResult.REVISION, answered_at__isnull=True).update(
            answered_at=now
        )
    totals = report_totals(report)
    audit_record(
        actor=user,
        action=f"grants.report.{'resubmitted' if resubmission else 'submitted'}",
        obj=report,
        before=before,
        after={
            "status": report.status,
            "kind": report.kind,
            "costs_actual": totals.costs_actual,
            "costs_ineligible": totals.costs_ineligible,
            "own_actual": totals.own_actual,
            "third_actual": totals.third_actual,
            "receipts_total": totals.receipts_total,
            "indicators": [
                {"indicator": a.application_indicator.name, "value": a.value, "status": a.status}
                for a in report.indicator_actuals.select_related("application_indicator__indicator")
            ],
        },
    )
    return report


@transaction.atomic
def report_check_record(*, report: Report, user, accepted: bool, message: str = "") -> ReportCheck:
    """Record a round of the city's check: accepted, or a request for revision.

    The caller (workflow) checks WHO acts: the role Sachbearbeitung, and not a member of the
    funded organisation (DOMAIN.md, rule 4). This service checks the report's status and the rule
    that a request for revision says what is missing.
    """
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.SUBMITTED:
        raise NotAllowed(
            _("Dieser Schritt ist im Stand „%(status)s“ nicht möglich.")
            % {"status": report.get_status_display()}
        )
    if not accepted and not message.strip():
        raise ValidationError({"message": _("Bitte schreiben Sie dem Träger, was fehlt.")})
    check = ReportCheck(
        report=report,
        round=report.checks.count() + 1,
        result=ReportCheckResult.ACCEPTED if accepted else ReportCheckResult.REVISION,
        message=message.strip(),
        checked_by=user,
    )
    check.full_clean()
    check.save()
    before = {"status": report.status}
    if accepted:
        report.status = ReportStatus.ACCEPTED
        report.accepted_at = timezone.now()
    else:
        report.status = ReportStatus.REVISION_REQUESTED
    report.save(update_fields=["status", "accepted_at", "updated_at"])
    audit_record(
        actor=user,
        action=f"grants.report.{check.result}",
        obj=report,
        before=before,
        after={"status": report.status, "round": check.round, "message": check.message},
    )
    return check
