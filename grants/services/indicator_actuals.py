"""Writes of a report's indicator actuals: the applicant's values, the checker's confirmation."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.roles import CASEWORKER
from grants.impact import indicator_status, report_progress
from grants.models import IndicatorActual, Report, ReportStatus
from grants.permissions import staff_refusal
from grants.reports.permissions import report_locked_for_edit
from grants.reports.rules import INDICATORS
from grants.services.errors import NotAllowed


@dataclass(frozen=True)
class IndicatorValue:
    """What the applicant entered for one indicator: the value reached and a comment."""

    value: Decimal | None
    comment: str = ""


def indicator_actuals_replace(*, report: Report, values: dict[int, IndicatorValue]) -> None:
    """Save the values of a report being edited and compute each status (see grants.impact).

    Call inside the transaction that locked the report for editing. An indicator without value
    and comment has no actual; a changed value loses an earlier confirmation.
    """
    indicators = {row.pk: row for row in report.application.indicators.select_related("indicator")}
    if set(values) - set(indicators):
        raise ValidationError({INDICATORS: _("Dieser Indikator gehört nicht zum Antrag.")})
    saved = {actual.application_indicator_id: actual for actual in report.indicator_actuals.all()}
    progress = report_progress(report)
    for pk, entry in values.items():
        actual = saved.get(pk)
        comment = entry.comment.strip()
        if entry.value is None and not comment:
            if actual is not None:
                actual.delete()
            continue
        if actual is None:
            actual = IndicatorActual(report=report, application_indicator=indicators[pk])
        elif actual.value != entry.value:
            actual.confirmed_by, actual.confirmed_at = None, None
        indicator = indicators[pk]
        actual.value, actual.comment = entry.value, comment
        actual.status = indicator_status(
            direction=indicator.direction,
            baseline=indicator.baseline,
            target=indicator.target,
            actual=entry.value,
            progress=progress,
        )
        try:
            actual.full_clean(
                exclude=["report", "application_indicator"], validate_constraints=False
            )
        except ValidationError as error:
            raise ValidationError({INDICATORS: error.messages}) from error
        actual.save()


@transaction.atomic
def report_indicators_save(*, report: Report, user, values: dict[int, IndicatorValue]) -> Report:
    """Save only the indicator values of a report being edited (the rest stays as it is)."""
    report = report_locked_for_edit(report, user)
    indicator_actuals_replace(report=report, values=values)
    report.save(update_fields=["updated_at"])
    return report


@transaction.atomic
def report_indicators_confirm(
    *, report: Report, user, confirmed: set[int]
) -> list[IndicatorActual]:
    """Record which computed statuses the checker confirms (Stand bestätigt) during the check.

    The actuals named in `confirmed` are confirmed by the user (an earlier confirmation stays as
    it was); the others lose theirs. Only Sachbearbeitung outside the organisation may do this.
    """
    report = (
        Report.objects.select_for_update(of=("self",))
        .select_related("application__organisation")
        .get(pk=report.pk)
    )
    reason = staff_refusal(user, report.application, CASEWORKER)
    if reason:
        raise NotAllowed(reason)
    if report.status != ReportStatus.SUBMITTED:
        raise NotAllowed(_("Den Stand bestätigen Sie während der Prüfung des Nachweises."))
    actuals = list(report.indicator_actuals.select_related("application_indicator__indicator"))
    if confirmed - {actual.pk for actual in actuals}:
        raise ValidationError(_("Dieser Istwert gehört nicht zum Nachweis."))
    before = sorted(actual.pk for actual in actuals if actual.confirmed_at)
    now = timezone.now()
    for actual in actuals:
        wanted = actual.pk in confirmed
        if wanted == (actual.confirmed_at is not None):
            continue
        actual.confirmed_by, actual.confirmed_at = (user, now) if wanted else (None, None)
        actual.save(update_fields=["confirmed_by", "confirmed_at"])
    after = sorted(actual.pk for actual in actuals if actual.confirmed_at)
    if after != before:
        audit_record(
            actor=user,
            action="grants.report.indicators_confirmed",
            obj=report,
            before={"confirmed": before},
            after={
                "confirmed": after,
                "statuses": [
                    {"indicator": actual.application_indicator.name, "status": actual.status}
                    for actual in actuals
                    if actual.confirmed_at
                ],
            },
        )
    return actuals
