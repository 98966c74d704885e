"""The rules an application must meet before it can be submitted (DOMAIN.md, rule 1)."""

from collections import defaultdict
from datetime import date

from dateutil.relativedelta import relativedelta
from django.utils.translation import gettext as _

from core.formatting import format_date, format_euro, format_percent
from core.money import ZERO, round_money
from grants.models import Application, FinancingType, IndicatorDirection
from grants.procedure import idea_refusal

# Keys of the error dict: form fields, or a section of the application page.
PLAN = "plan"
COSTS = "costs"
ATTACHMENTS = "attachments"
CALL = "call"
INDICATORS = "indicators"


def submission_errors(application: Application, *, today: date) -> dict[str, list[str]]:
    """Every rule the application breaks, keyed by the field or section it belongs to."""
    errors: dict[str, list[str]] = defaultdict(list)
    _check_texts(application, errors)
    _check_call(application, today, errors)
    _check_idea(application, errors)
    _check_period(application, errors)
    _check_districts(application, errors)
    _check_plan(application, errors)
    _check_units(application, errors)
    _check_documents(application, errors)
    _check_indicators(application, errors)
    return dict(errors)


def start_refusal(*, organisation, call) -> str | None:
    """Why the organisation cannot start an application for the call, or None: where the
    programme requires the idea stage, an application starts from an invitation only."""
    return idea_refusal(Application(organisation=organisation, call=call))


def _check_texts(application, errors):
    for field in ("title", "summary", "goals", "target_group"):
        if not getattr(application, field).strip():
            errors[field].append(_("Bitte füllen Sie dieses Feld aus."))


def _check_call(application, today, errors):
    call = application.call
    if not call.is_open_on(today):
        errors[CALL].append(
            _("Der Förderaufruf ist nicht geöffnet (Antragstellung vom %(start)s bis %(end)s).")
            % {
                "start": format_date(call.opens_on),
                "end": format_date(call.closes_on),
            }
        )


def _check_idea(application, errors):
    refusal = idea_refusal(application)
    if refusal:
        errors[CALL].append(refusal)


def _check_period(application, errors):
    call, start, end = application.call, application.project_start, application.project_end
    if start is None:
        errors["project_start"].append(_("Bitte geben Sie den Projektbeginn an."))
    if end is None:
        errors["project_end"].append(_("Bitte geben Sie das Projektende an."))
    if start is None or end is None:
        return
    if end < start:
        errors["project_end"].append(_("Das Projektende liegt vor dem Projektbeginn."))
        return
    if start < call.project_start_earliest:
        errors["project_start"].append(
            _("Das Projekt darf frühestens am %(day)s beginnen.")
            % {"day": format_date(call.project_start_earliest)}
        )
    if end > call.project_end_latest:
        errors["project_end"].append(
            _("Das Projekt muss spätestens am %(day)s enden.")
            % {"day": format_date(call.project_end_latest)}
        )
    months = call.programme.max_duration_months
    if end >= start + relativedelta(months=months):
        errors["project_end"].append(
            _("Das Projekt darf höchstens %(months)s Monate dauern.") % {"months": months}
        )


def _check_districts(application, errors):
    chosen = list(application.districts.all())
    if not chosen:
        errors["districts"].append(_("Bitte wählen Sie mindestens einen Stadtbezirk."))
        return
    eligible = set(application.call.programme.eligible_districts.values_list("pk", flat=True))
    outside = [d.name for d in chosen if d.pk not in eligible]
    if outside:
        errors["districts"].append(
            _("Das Programm fördert nicht in: %(names)s.") % {"names": ", ".join(outside)}
        )


def _check_plan(application, errors):
    programme = application.call.programme
    costs = application.cost_total
    requested = application.requested_amount
    if costs <= ZERO:
        errors[COSTS].append(_("Bitte tragen Sie die Kosten des Projekts in den Kostenplan ein."))
    if requested is None or requested <= ZERO:
        errors["requested_amount"].append(_("Bitte geben Sie die beantragte Förderung an."))
        return
    if requested > programme.max_amount:
        errors["requested_amount"].append(
            _("Das Programm fördert höchstens %(max)s.")
            % {"max": format_euro(programme.max_amount)}
        )
    if programme.financing_type == FinancingType.SHARE and costs > ZERO:
        share = round_money(costs * programme.funding_rate / 100)
        if requested > share:
            errors["requested_amount"].append(
                _("Bei %(rate)s %% Anteilfinanzierung sind höchstens %(max)s möglich.")
                % {"rate": format_percent(programme.funding_rate), "max": format_euro(share)}
            )
    difference = costs - application.financing_total
    if difference != ZERO:
        errors[PLAN].append(
            _(
                "Der Finanzierungsplan ist nicht ausgeglichen: Gesamtkosten %(costs)s, "
                "Eigenmittel, Drittmittel und beantragte Förderung zusammen %(total)s "
                "(Differenz %(diff)s)."
            )
            % {
                "costs": format_euro(costs),
                "total": format_euro(application.financing_total),
                "diff": format_euro(difference),
            }
        )


def _check_units(application, errors):
    """Festbetrag je Einheit: the requested grant is the rate times the planned units."""
    programme = application.call.programme
    if programme.unit_rate is None:
        return
    units = application.units_planned
    if units is None or units <= 0:
        errors["units_planned"].append(
            _("Bitte geben Sie an, wie viele Einheiten (%(unit)s) Sie planen.")
            % {"unit": programme.unit_name}
        )
        return
    expected = round_money(programme.unit_rate * units)
    if application.requested_amount is not None and application.requested_amount != expected:
        errors["requested_amount"].append(
            _(
                "Die beantragte Förderung ist der Festbetrag je Einheit mal die geplanten "
                "Einheiten: %(rate)s × %(units)s %(unit)s = %(amount)s."
            )
            % {
                "rate": format_euro(programme.unit_rate),
                "units": format_percent(units),
                "unit": programme.unit_name,
                "amount": format_euro(expected),
            }
        )


def _check_documents(application, errors):
    required = list(application.call.programme.required_documents.all())
    attached = {a.required_document_id for a in application.attachments.all()}
    for document in required:
        if document.pk not in attached:
            errors[ATTACHMENTS].append(
                _("Es fehlt die Unterlage „%(name)s“.") % {"name": document.name}
            )


def _check_indicators(application, errors):
    """Every mandatory indicator is chosen; every chosen one has a target that fits its aim."""
    chosen = list(application.indicators.all())
    chosen_ids = {row.indicator_id for row in chosen}
    for indicator in application.call.programme.indicators.all():
        if indicator.mandatory and indicator.pk not in chosen_ids:
            errors[INDICATORS].append(
                _("Der Indikator „%(name)s“ ist in diesem Programm Pflicht.")
                % {"name": indicator.name}
            )
    for row in chosen:
        if row.target is None:
            errors[INDICATORS].append(
                _("Bitte geben Sie für „%(name)s“ einen Zielwert an.") % {"name": row.name}
            )
        elif row.baseline is not None and _against_direction(row):
            errors[INDICATORS].append(
                _("Der Zielwert von „%(name)s“ passt nicht zur Richtung „%(direction)s“.")
                % {"name": row.name, "direction": row.direction_label}
            )


def _against_direction(row) -> bool:
    if row.direction == IndicatorDirection.INCREASE:
        return row.target < row.baseline
    if row.direction == IndicatorDirection.DECREASE:
        return row.target > row.baseline
    return False
