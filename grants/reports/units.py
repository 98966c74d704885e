"""Festbetrag je Einheit in the Verwendungsnachweis: the units actually delivered.

The settlement of a per-unit grant is Z = min(H, rate × units_act) (DOMAIN.md); the final
report must therefore state the units before it can be submitted. Whether a report asks for
units is decided by the terms in force, never by the programme's current settings.
"""

from django.utils.translation import gettext as _

from grants.models import Report, ReportKind
from grants.terms import terms_in_force

UNITS = "units_actual"


def report_unit_name(report: Report) -> str | None:
    """The unit the report counts (e.g. "Kursstunde"), or None when it counts none: only the
    final report of a grant whose terms fix a rate per unit."""
    if report.kind != ReportKind.FINAL:
        return None
    terms = terms_in_force(report.application)
    if terms is None or not terms.is_per_unit:
        return None
    return terms.unit_name


def units_errors(report: Report) -> dict[str, list[str]]:
    """The final report of a per-unit grant states how many units were delivered."""
    unit = report_unit_name(report)
    if unit is None or report.units_actual is not None:
        return {}
    return {
        UNITS: [
            _("Bitte geben Sie an, wie viele Einheiten (%(unit)s) erbracht wurden.")
            % {"unit": unit}
        ]
    }
