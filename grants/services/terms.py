"""The terms a notice fixes (DOMAIN.md, "Money after the decision"): the rules and the writes.

The decision (Zuwendungsbescheid) fixes version 1: the programme's financing type, rate and
per-unit rate as they stand at that moment, the planned units, the eligible costs (the cost
plan less the excluded amounts, each with its reason) and the approved amount. Each
Änderungsbescheid writes the next version: a copy of the one before with the new amount.
Later computations read the terms (`grants.terms.terms_in_force`), never the programme.

Rules, one predicate each:
- `exclusion_errors`: an excluded amount lies between 0 and its line's amount, has a reason.
- `terms_maximum`: the most the financing type allows on the eligible costs.
- `approval_errors`: a full approval within that maximum, else a hint to approve in part;
  a partial approval within it.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.formatting import format_euro, format_percent
from core.money import ZERO, round_money, sum_money
from grants.models import (
    Application,
    ChangeRequest,
    CostLine,
    Decision,
    DecisionOutcome,
    ExcludedCostLine,
    FinancingKind,
    FinancingType,
    GrantTerms,
)
from grants.terms import terms_in_force


@dataclass(frozen=True)
class Exclusion:
    """The part of a cost line found not eligible, and why."""

    cost_line_id: int
    amount: Decimal
    reason: str


def excluded_field(cost_line_id: int) -> str:
    """The form field (and error key) of a line's excluded amount."""
    return f"excluded_{cost_line_id}"


def reason_field(cost_line_id: int) -> str:
    """The form field (and error key) of the reason for a line's exclusion."""
    return f"reason_{cost_line_id}"


def exclusion_errors(
    lines: Iterable[CostLine], exclusions: Iterable[Exclusion]
) -> dict[str, list[str]]:
    """Every exclusion that is not allowed, keyed by its form field.

    An excluded amount belongs to a line of the cost plan, is more than 0,00 € and at most
    the line's amount, in euros and cents, and comes with a reason (it is printed in the
    notice). A reason without an amount is refused too: it would explain nothing.
    """
    errors: dict[str, list[str]] = defaultdict(list)
    by_pk = {line.pk: line for line in lines}
    for exclusion in exclusions:
        line = by_pk.get(exclusion.cost_line_id)
        field = excluded_field(exclusion.cost_line_id)
        if line is None:
            errors["__all__"].append(_("Diese Kostenposition gehört nicht zum Antrag."))
            continue
        amount = exclusion.amount
        if amount is None or amount <= ZERO:
            if exclusion.reason.strip():
                errors[field].append(
                    _("Bitte nennen Sie den nicht zuwendungsfähigen Betrag zu diesem Grund.")
                )
            continue
        if amount != round_money(amount):
            errors[field].append(_("Bitte geben Sie den Betrag in Euro und Cent an."))
        elif amount > line.amount:
            errors[field].append(
                _(
                    "Es können höchstens die %(amount)s der Kostenposition „%(line)s“ "
                    "ausgeschlossen werden."
                )
                % {"amount": format_euro(line.amount), "line": line.description}
            )
        if not exclusion.reason.strip():
            errors[reason_field(exclusion.cost_line_id)].append(
                _("Bitte begründen Sie, warum dieser Betrag nicht zuwendungsfähig ist.")
            )
    return dict(errors)


def eligible_costs(cost_total: Decimal, exclusions: Iterable[Exclusion]) -> Decimal:
    """Zuwendungsfähige Ausgaben: the cost plan less the excluded amounts."""
    excluded = sum_money(e.amount for e in exclusions if e.amount and e.amount > ZERO)
    return round_money(cost_total - excluded)


@dataclass(frozen=True)
class PlannedFunds:
    """Own and third-party funds of the financing plan (the city's grant is not part)."""

    own: Decimal
    third: Decimal


def planned_funds(application: Application) -> PlannedFunds:
    lines = list(application.financing_lines.all())
    return PlannedFunds(
        own=sum_money(line.amount for line in lines if line.kind == FinancingKind.OWN),
        third=sum_money(line.amount for line in lines if line.kind != FinancingKind.OWN),
    )


def terms_maximum(terms: GrantTerms, funds: PlannedFunds) -> Decimal:
    """The most the financing type allows on the eligible costs A_elig (never below 0).

    Anteil: q × A_elig, rounded half-up; Fehlbedarf: A_elig − own − third funds planned;
    Voll: A_elig − third funds planned; Festbetrag: A_elig; per unit: rate × units planned.
    """
    eligible = terms.eligible_costs
    if terms.is_per_unit:
        maximum = terms.unit_rate * (terms.units_planned or ZERO)
    elif terms.financing_type == FinancingType.SHARE:
        maximum = terms.funding_rate * eligible / 100
    elif terms.financing_type == FinancingType.GAP:
        maximum = eligible - funds.own - funds.third
    elif terms.financing_type == FinancingType.FULL:
        maximum = eligible - funds.third
    else:
        maximum = eligible
    return max(ZERO, round_money(maximum))


def format_units(value: Decimal) -> str:
    """A number of units without surplus decimals: 200, 12,5."""
    return format_percent(value)


def maximum_explained(terms: GrantTerms) -> str:
    """How the maximum is computed, in words (for messages and the decision page)."""
    eligible = format_euro(terms.eligible_costs)
    if terms.is_per_unit:
        return _("%(rate)s je %(unit)s × %(units)s geplante Einheiten") % {
            "rate": format_euro(terms.unit_rate),
            "unit": terms.unit_name,
            "units": format_units(terms.units_planned or ZERO),
        }
    if terms.financing_type == FinancingType.SHARE:
        return _(
            "%(rate)s %% Anteilfinanzierung auf zuwendungsfähige Ausgaben von %(eligible)s"
        ) % {
            "rate": format_percent(terms.funding_rate),
            "eligible": eligible,
        }
    if terms.financing_type == FinancingType.GAP:
        return _(
            "Fehlbedarf: zuwendungsfähige Ausgaben von %(eligible)s abzüglich der geplanten "
            "Eigen- und Drittmittel"
        ) % {"eligible": eligible}
    if terms.financing_type == FinancingType.FULL:
        return _(
            "Vollfinanzierung: zuwendungsfähige Ausgaben von %(eligible)s abzüglich der "
            "geplanten Drittmittel"
        ) % {"eligible": eligible}
    return _("Festbetrag bis zu den zuwendungsfähigen Ausgaben von %(eligible)s") % {
        "eligible": eligible
    }


def approval_errors(
    terms: GrantTerms, funds: PlannedFunds, *, outcome: str
) -> dict[str, list[str]]:
    """A full approval's requested amount, or a partial approval's amount, within what the
    financing type allows on the eligible costs."""
    maximum = terms_maximum(terms, funds)
    amount = terms.approved_amount
    if amount <= maximum:
        return {}
    figures = {
        "amount": format_euro(amount),
        "maximum": format_euro(maximum),
        "how": maximum_explained(terms),
    }
    if outcome == DecisionOutcome.APPROVED:
        return {
            "outcome": [
                _(
                    "Der beantragte Betrag von %(amount)s übersteigt den zulässigen Höchstbetrag "
                    "von %(maximum)s (%(how)s). Bitte bewilligen Sie in Teilen, höchstens "
                    "%(maximum)s."
                )
                % figures
            ]
        }
    return {
        "approved_amount": [
            _(
                "Der bewilligte Betrag von %(amount)s übersteigt den zulässigen Höchstbetrag "
                "von %(maximum)s (%(how)s)."
            )
            % figures
        ]
    }


def decision_terms(
    application: Application, *, approved_amount: Decimal, exclusions: Iterable[Exclusion] = ()
) -> GrantTerms:
    """The terms a decision fixes now, not saved: the programme's settings at this moment,
    the planned units, the eligible costs after the exclusions and the approved amount."""
    programme = application.call.programme
    per_unit = programme.unit_rate is not None
    return GrantTerms(
        application=application,
        version=1,
        financing_type=programme.financing_type,
        funding_rate=(
            programme.funding_rate if programme.financing_type == FinancingType.SHARE else None
        ),
        approved_amount=approved_amount,
        eligible_costs=eligible_costs(application.cost_total, exclusions),
        unit_rate=programme.unit_rate if per_unit else None,
        unit_name=programme.unit_name if per_unit else "",
        units_planned=application.units_planned if per_unit else None,
    )


def decision_terms_check(
    application: Application,
    *,
    outcome: str,
    approved_amount: Decimal,
    exclusions: list[Exclusion],
) -> GrantTerms:
    """The terms of an approval, after every rule; raises ValidationError with all broken
    rules keyed by form field."""
    lines = list(application.cost_lines.all())
    errors = exclusion_errors(lines, exclusions)
    if errors:
        raise ValidationError(errors)
    terms = decision_terms(application, approved_amount=approved_amount, exclusions=exclusions)
    errors = approval_errors(terms, planned_funds(application), outcome=outcome)
    if errors:
        raise ValidationError(errors)
    return terms


def _excluded(exclusions: Iterable[Exclusion]) -> list[Exclusion]:
    return [e for e in exclusions if e.amount is not None and e.amount > ZERO]


@transaction.atomic
def terms_fix_at_decision(
    *, decision: Decision, user, exclusions: Iterable[Exclusion] = ()
) -> GrantTerms:
    """Store version 1 of the terms with the excluded lines; the caller (decision_record)
    holds the application's lock and has checked the rules with `decision_terms_check`."""
    exclusions = _excluded(exclusions)
    terms = decision_terms(
        decision.application, approved_amount=decision.approved_amount, exclusions=exclusions
    )
    terms.decision = decision
    terms.fixed_by = user
    terms.full_clean()
    terms.save()
    rows = [
        ExcludedCostLine(
            terms=terms,
            cost_line_id=e.cost_line_id,
            amount=e.amount,
            reason=e.reason.strip(),
        )
        for e in exclusions
    ]
    for row in rows:
        row.full_clean(exclude=["terms"])
    ExcludedCostLine.objects.bulk_create(rows)
    audit_record(
        actor=user,
        action="grants.terms.fixed",
        obj=decision.application,
        after=_audit_terms(terms, rows),
    )
    return terms


@transaction.atomic
def terms_fix_at_change(
    *, change: ChangeRequest, version: int, approved_amount: Decimal | None, user
) -> GrantTerms:
    """Store the terms of an Änderungsbescheid: the version before, with the new amount (None:
    the amount stays, only the period changed)."""
    previous = terms_in_force(change.application)
    if previous is None:
        raise ValueError(_("Für diese Zuwendung sind keine Bewilligungsbedingungen festgehalten."))
    if version <= previous.version:
        raise ValueError(_("Die Bescheidversion muss höher sein als die der geltenden Fassung."))
    excluded = list(previous.excluded_lines.all())
    terms = GrantTerms(
        application_id=change.application_id,
        version=version,
        change_request=change,
        financing_type=previous.financing_type,
        funding_rate=previous.funding_rate,
        approved_amount=previous.approved_amount if approved_amount is None else approved_amount,
        eligible_costs=previous.eligible_costs,
        unit_rate=previous.unit_rate,
        unit_name=previous.unit_name,
        units_planned=previous.units_planned,
        fixed_by=user,
    )
    terms.full_clean()
    terms.save()
    rows = [
        ExcludedCostLine(
            terms=terms, cost_line_id=row.cost_line_id, amount=row.amount, reason=row.reason
        )
        for row in excluded
    ]
    ExcludedCostLine.objects.bulk_create(rows)
    audit_record(
        actor=user,
        action="grants.terms.changed",
        obj=change.application,
        before={"version": previous.version, "approved_amount": previous.approved_amount},
        after=_audit_terms(terms, rows),
    )
    return terms


def _audit_terms(terms: GrantTerms, rows: list[ExcludedCostLine]) -> dict:
    return {
        "version": terms.version,
        "financing_type": terms.financing_type,
        "funding_rate": terms.funding_rate,
        "approved_amount": terms.approved_amount,
        "eligible_costs": terms.eligible_costs,
        "unit_rate": terms.unit_rate,
        "units_planned": terms.units_planned,
        "excluded": [
            {"cost_line": row.cost_line_id, "amount": row.amount, "reason": row.reason}
            for row in rows
        ],
    }


@dataclass(frozen=True)
class TermsPreview:
    """What an approval with these exclusions would fix (for the decision page)."""

    terms: GrantTerms
    cost_total: Decimal
    excluded_total: Decimal
    maximum: Decimal
    maximum_explained: str


def terms_preview(application: Application, exclusions: Iterable[Exclusion] = ()) -> TermsPreview:
    """The eligible costs and the maximum an approval would fix now; reads only."""
    exclusions = _excluded(exclusions)
    terms = decision_terms(
        application, approved_amount=application.requested_amount or ZERO, exclusions=exclusions
    )
    return TermsPreview(
        terms=terms,
        cost_total=application.cost_total,
        excluded_total=sum_money(e.amount for e in exclusions),
        maximum=terms_maximum(terms, planned_funds(application)),
        maximum_explained=maximum_explained(terms),
    )
