"""Writes of the impact indicators an application commits to (Wirkungsorientierung)."""

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core.audit import audit_record
from grants.models import Application, ApplicationIndicator, IndicatorActual
from grants.permissions import can_edit_application
from grants.rules import INDICATORS
from grants.services.errors import NotAllowed


@dataclass(frozen=True)
class IndicatorChoice:
    """An indicator as the applicant chose it: from the catalogue (indicator_id) or their own."""

    baseline: Decimal | None
    target: Decimal | None
    indicator_id: int | None = None
    own_name: str = ""
    own_unit: str = ""
    own_direction: str = ""


@transaction.atomic
def application_indicators_save(
    *, application: Application, user, choices: list[IndicatorChoice]
) -> list[ApplicationIndicator]:
    """Replace the application's indicators by the choices, complete or not.

    The programme's mandatory indicators are always kept: a choice list without one adds it
    without values. An audit entry is written when anything changed.
    """
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__programme", "organisation")
        .get(pk=application.pk)
    )
    if not can_edit_application(user, application):
        raise NotAllowed(_("Die Indikatoren eines eingereichten Antrags sind nicht änderbar."))
    if IndicatorActual.objects.filter(application_indicator__application=application).exists():
        raise NotAllowed(_("Zu diesen Indikatoren gibt es schon Istwerte."))
    catalogue = {i.pk: i for i in application.call.programme.indicators.all()}
    choices = _ordered(_with_mandatory(choices, catalogue), catalogue)
    existing = list(application.indicators.select_related("indicator"))
    before = [_snapshot(row) for row in existing]
    rows = []
    for position, choice in enumerate(choices, start=1):
        row = ApplicationIndicator(
            application=application,
            indicator=catalogue.get(choice.indicator_id),
            own_name="" if choice.indicator_id else choice.own_name.strip(),
            own_unit="" if choice.indicator_id else choice.own_unit,
            own_direction="" if choice.indicator_id else choice.own_direction,
            baseline=choice.baseline,
            target=choice.target,
            position=position,
        )
        try:
            # The application and catalogue entries are checked above: no query per row.
            row.full_clean(exclude=["application", "indicator"], validate_constraints=False)
        except ValidationError as error:
            raise ValidationError({INDICATORS: error.messages}) from error
        rows.append(row)
    application.indicators.all().delete()
    ApplicationIndicator.objects.bulk_create(rows)
    after = [_snapshot(row) for row in rows]
    if after != before:
        audit_record(
            actor=user,
            action="grants.application.indicators_saved",
            obj=application,
            before={"indicators": before},
            after={"indicators": after},
        )
    return rows


def _ordered(choices, catalogue) -> list[IndicatorChoice]:
    """The choices in catalogue order, then the own ones; refuse what is not the programme's."""
    chosen = [c.indicator_id for c in choices if c.indicator_id is not None]
    if any(pk not in catalogue for pk in chosen):
        raise ValidationError({INDICATORS: _("Dieser Indikator gehört nicht zum Förderprogramm.")})
    if any(count > 1 for count in Counter(chosen).values()):
        raise ValidationError({INDICATORS: _("Jeder Indikator kann nur einmal gewählt werden.")})
    order = {pk: index for index, pk in enumerate(catalogue)}
    from_catalogue = sorted(
        (c for c in choices if c.indicator_id is not None), key=lambda c: order[c.indicator_id]
    )
    return from_catalogue + [c for c in choices if c.indicator_id is None]


def _with_mandatory(choices, catalogue) -> list[IndicatorChoice]:
    chosen = {c.indicator_id for c in choices}
    return list(choices) + [
        IndicatorChoice(indicator_id=pk, baseline=None, target=None)
        for pk, indicator in catalogue.items()
        if indicator.mandatory and pk not in chosen
    ]


def _snapshot(row: ApplicationIndicator) -> dict:
    return {
        "code": row.code,
        "name": row.name,
        "unit": row.unit,
        "direction": row.direction,
        "baseline": row.baseline,
        "target": row.target,
    }
