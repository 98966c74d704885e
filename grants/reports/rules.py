"""The rules a report must meet before it can be submitted, and its totals.

Receipts (DOMAIN.md, money after the decision): a receipt dated outside the project period is
flagged and not eligible (`receipt_flag`); its amount is taken off the actual costs, so the
settlement's A_ist counts only eligible costs. A receipt dated after today is refused at input
(`receipt_date_refusal`), and a report with one cannot be submitted.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.formatting import format_date, format_euro
from core.money import ZERO, sum_money
from grants.models import FinancingKind, FinancingLine, Report, ReportKind

# Keys of the error dict besides the Sachbericht fields: sections of the report page.
COSTS = "costs"
INCOME = "income"
RECEIPTS = "receipts"
INDICATORS = "indicators"
SECTIONS = (COSTS, INCOME, RECEIPTS, INDICATORS)

SIMPLIFIED_WITHOUT_RECEIPTS = gettext_lazy(
    "Für den einfachen Verwendungsnachweis reichen Sie keine Belegliste ein: Sachbericht und "
    "tatsächliche Summen je Position genügen."
)


@dataclass(frozen=True)
class ReportTotals:
    """Planned and actual sums of a report (the input of the final settlement).

    `costs_actual` is A_ist, the eligible actual costs: the costs the report states less
    `costs_ineligible`, the receipts flagged as not eligible (never below 0)."""

    costs_planned: Decimal
    costs_actual: Decimal
    own_planned: Decimal
    own_actual: Decimal
    third_planned: Decimal
    third_actual: Decimal
    receipts_total: Decimal
    costs_ineligible: Decimal = ZERO

    @property
    def costs_reported(self) -> Decimal:
        """The actual costs as the report states them (the sum of its cost lines)."""
        return self.costs_actual + self.costs_ineligible

    @property
    def receipts_eligible(self) -> Decimal:
        return self.receipts_total - self.costs_ineligible

    @property
    def income_planned(self) -> Decimal:
        """Own and third-party funds as planned (the city's grant is not part of it)."""
        return self.own_planned + self.third_planned

    @property
    def income_actual(self) -> Decimal:
        return self.own_actual + self.third_actual


def receipt_flag(receipt, application) -> str | None:
    """Why the receipt is not eligible, or None: it is dated outside the project period (the
    application's dates, as the last change notice set them)."""
    start, end = application.project_start, application.project_end
    if start is not None and receipt.date < start:
        return _("vor Projektbeginn (%(start)s)") % {"start": format_date(start)}
    if end is not None and receipt.date > end:
        return _("nach Projektende (%(end)s)") % {"end": format_date(end)}
    return None


def receipt_date_refusal(day: datetime.date, *, today: datetime.date | None = None) -> str | None:
    """Why a receipt with this date cannot be entered, or None: it lies in the future."""
    today = today or timezone.localdate()
    if day > today:
        return _(
            "Das Belegdatum %(day)s liegt in der Zukunft. Belege können erst nach der Zahlung "
            "eingetragen werden."
        ) % {"day": format_date(day)}
    return None


def plan_line_name(line) -> str:
    """How a line of the cost or financing plan is named in labels and messages."""
    if isinstance(line, FinancingLine):
        return line.source_name or line.description or line.get_kind_display()
    return line.description


def report_totals(report: Report) -> ReportTotals:
    """Sum the plan, the actuals and the receipts (uses prefetched rows where present)."""
    application = report.application
    planned_funds = list(application.financing_lines.all())
    kinds = {line.pk: line.kind for line in planned_funds}
    actual_funds = list(report.income_actuals.all())
    receipts = list(report.receipts.all())
    reported = sum_money(actual.amount for actual in report.cost_actuals.all())
    ineligible = min(
        reported,
        sum_money(r.amount for r in receipts if receipt_flag(r, application) is not None),
    )
    return ReportTotals(
        costs_planned=sum_money(line.amount for line in application.cost_lines.all()),
        costs_actual=reported - ineligible,
        costs_ineligible=ineligible,
        own_planned=sum_money(f.amount for f in planned_funds if f.kind == FinancingKind.OWN),
        own_actual=sum_money(
            a.amount for a in actual_funds if kinds.get(a.financing_line_id) == FinancingKind.OWN
        ),
        third_planned=sum_money(f.amount for f in planned_funds if f.kind != FinancingKind.OWN),
        third_actual=sum_money(
            a.amount for a in actual_funds if kinds.get(a.financing_line_id) != FinancingKind.OWN
        ),
        receipts_total=sum_money(receipt.amount for receipt in receipts),
    )


def report_submission_errors(report: Report) -> dict[str, list[str]]:
    """Every rule the report breaks, keyed by the field or section it belongs to."""
    errors: dict[str, list[str]] = defaultdict(list)
    _check_narrative(report, errors)
    _check_actuals(report, errors)
    _check_receipts(report, errors)
    _check_indicators(report, errors)
    return dict(errors)


def _check_narrative(report, errors):
    fields = ["work_done", "what_worked", "what_did_not"]
    if report.kind == ReportKind.INTERIM:
        fields.remove("what_did_not")
    for field in fields:
        if not getattr(report, field).strip():
            errors[field].append(_("Bitte füllen Sie dieses Feld aus."))


def _check_actuals(report, errors):
    application = report.application
    with_costs = {actual.cost_line_id for actual in report.cost_actuals.all()}
    for line in application.cost_lines.all():
        if line.pk not in with_costs:
            errors[COSTS].append(
                _("Bitte tragen Sie die tatsächlichen Kosten für „%(line)s“ ein.")
                % {"line": plan_line_name(line)}
            )
    with_income = {actual.financing_line_id for actual in report.income_actuals.all()}
    for line in application.financing_lines.all():
        if line.pk not in with_income:
            errors[INCOME].append(
                _(
                    "Bitte tragen Sie die tatsächlichen Einnahmen für „%(line)s“ ein "
                    "(0,00 €, wenn nichts eingegangen ist)."
                )
                % {"line": plan_line_name(line)}
            )


def asks_for_receipts(report: Report) -> bool:
    """The report has a Belegliste: every report except a simplified one that was not drawn for
    the full check (grants/sampling.py)."""
    return not report.simplified or report.drawn_for_full_check


def receipts_required(report: Report) -> bool:
    """The report cannot be submitted without receipts: a final report with a Belegliste."""
    return report.kind == ReportKind.FINAL and asks_for_receipts(report)


def _check_receipts(report, errors):
    receipts = list(report.receipts.all())
    if receipts_required(report):
        if not receipts:
            errors[RECEIPTS].append(_("Bitte führen Sie Ihre Belege in der Belegliste auf."))
        else:
            receipts_total = sum_money(receipt.amount for receipt in receipts)
            costs = sum_money(actual.amount for actual in report.cost_actuals.all())
            difference = receipts_total - costs
            if difference != ZERO:
                errors[RECEIPTS].append(
                    _(
                        "Die Summe der Belege (%(receipts)s) stimmt nicht mit den tatsächlichen "
                        "Kosten (%(costs)s) überein (Differenz %(diff)s)."
                    )
                    % {
                        "receipts": format_euro(receipts_total),
                        "costs": format_euro(costs),
                        "diff": format_euro(difference),
                    }
                )
    # Receipts outside the project period do not block the submission: they are flagged in
    # the check and not counted as eligible (receipt_flag). A receipt from the future does.
    today = timezone.localdate()
    future = [str(r.number) for r in receipts if receipt_date_refusal(r.date, today=today)]
    if future:
        errors[RECEIPTS].append(
            _(
                "Diese Belege sind in der Zukunft datiert (nach dem %(today)s): Nr. %(numbers)s. "
                "Bitte tragen Sie nur Belege über Zahlungen ein, die bereits geleistet sind."
            )
            % {"today": format_date(today), "numbers": ", ".join(future)}
        )


def _check_indicators(report, errors):
    """Every indicator of the application has a value for the report's period."""
    with_value = {
        a.application_indicator_id for a in report.indicator_actuals.all() if a.value is not None
    }
    for indicator in report.application.indicators.all():
        if indicator.pk not in with_value:
            errors[INDICATORS].append(
                _("Bitte tragen Sie den erreichten Wert für „%(name)s“ ein.")
                % {"name": indicator.name}
            )
