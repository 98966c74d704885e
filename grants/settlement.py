"""Schlussfestsetzung: the final grant Z computed from the Verwendungsnachweis (DOMAIN.md).

One pure function, `settle()`: no database access, Decimal only, and the only rounding is
half-up to cents at the end of each computation (`core.money.round_money`). Symbols:

- A  zuwendungsfähige Ausgaben (eligible costs), E Eigenmittel (own funds),
  D  Drittmittel (third-party funds), H bewilligte Zuwendung (Höchstbetrag),
  q  Förderquote as a fraction (0.80 = 80 %); `_plan` as approved, `_ist` from the
  Verwendungsnachweis.

The four financing types (Finanzierungsarten):

- Anteilfinanzierung (share q):   Z = min(H; q × (A_ist − max(0; D_ist − D_plan)))
  Lower costs reduce Z pro rata; additional third-party money is shared pro rata.
- Fehlbedarfsfinanzierung (gap):  Z = min(H; A_ist − max(E_plan; E_ist) − D_ist)
  The planned own share is always owed in full; savings and extra income reduce Z by the
  full amount.
- Festbetragsfinanzierung (fixed): Z = min(H; A_ist)
  Unchanged unless the costs fall below the fixed amount. Per-unit variant (Satz je Einheit,
  e.g. per course hour): Z = min(H; Satz × Einheiten_ist).
- Vollfinanzierung (full):        Z = min(H; A_ist − D_ist)

In every case Z is never negative (max(0; …)) and never above H. Then

    Rückforderung      = ausgezahlt − Z, where positive, else 0
    noch auszuzahlen   = Z − ausgezahlt, where positive, else 0

so that `refund − remaining_payable == paid − final_grant` always holds. Interest on a refund
(§ 49a Abs. 3 VwVfG) is computed by `budgeting.interest.refund_interest`.

`Settlement.steps` lists the computation step by step in German for the staff page and the
settlement notice. Labels are translatable; expressions are formula notation with the German
symbols above and stay as they are. Step amounts stay Decimals (formatted only in templates).
Intermediate amounts are exact and may have more than two decimal places (e.g. q × …); only
the "Festgesetzte Zuwendung Z" step is rounded. Note that Django's number formatting (and so
`format_euro`) cuts surplus decimals off instead of rounding them, so a template that shows an
intermediate amount to the cent should round it with `round_money` first.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from core.money import ZERO, round_money
from grants.models import FinancingType

__all__ = ["Settlement", "SettlementInput", "SettlementStep", "StepUnit", "settle"]

HUNDRED = Decimal(100)


class StepUnit(StrEnum):
    """What a step's amount is, so that a template can format it."""

    EURO = "euro"
    PERCENT = "percent"  # e.g. Decimal("70.00") for q = 0.70
    NUMBER = "number"  # a count of units (per-unit variant of Festbetrag)


@dataclass(frozen=True)
class SettlementStep:
    """One line of the computation: what it is, the formula, and the amount."""

    label: str
    expression: str
    amount: Decimal
    unit: StepUnit = StepUnit.EURO


@dataclass(frozen=True, kw_only=True)
class SettlementInput:
    """Planned and actual figures of one grant. Amounts in euros, at most two decimal places.

    `rate` is the Förderquote q as a fraction (Decimal("0.80")), needed only for
    Anteilfinanzierung. `unit_rate` and `units_actual` are for the per-unit variant of
    Festbetragsfinanzierung only (both or neither).
    """

    financing_type: str  # a FinancingType value
    approved: Decimal  # H
    rate: Decimal | None = None  # q, only for FinancingType.SHARE
    costs_actual: Decimal  # A_ist
    own_planned: Decimal  # E_plan
    own_actual: Decimal  # E_ist
    third_planned: Decimal  # D_plan
    third_actual: Decimal  # D_ist
    paid: Decimal  # total paid out so far
    unit_rate: Decimal | None = None  # Satz je Einheit (per-unit Festbetrag)
    units_actual: Decimal | None = None  # Einheiten laut Verwendungsnachweis

    def __post_init__(self):
        if self.financing_type not in FinancingType.values:
            raise ValueError(f"Unbekannte Finanzierungsart: {self.financing_type!r}.")
        for name in (
            "approved",
            "costs_actual",
            "own_planned",
            "own_actual",
            "third_planned",
            "third_actual",
            "paid",
        ):
            _check_money(name, getattr(self, name))
        if self.financing_type == FinancingType.SHARE:
            if self.rate is None:
                raise ValueError("Bei Anteilfinanzierung ist eine Förderquote q nötig.")
            _check_decimal("rate", self.rate)
            if not ZERO < self.rate <= 1:
                raise ValueError(
                    "Die Förderquote q ist ein Anteil größer als 0 und höchstens 1 "
                    "(z. B. 0,80 für 80 %)."
                )
        per_unit = (self.unit_rate is not None, self.units_actual is not None)
        if any(per_unit):
            if not all(per_unit):
                raise ValueError("Satz je Einheit und Anzahl der Einheiten gehören zusammen.")
            if self.financing_type != FinancingType.FIXED:
                raise ValueError("Einen Satz je Einheit gibt es nur bei Festbetragsfinanzierung.")
            for name in ("unit_rate", "units_actual"):
                _check_decimal(name, getattr(self, name))
                if getattr(self, name) < 0:
                    raise ValueError(f"{FIELD_NAMES[name]} darf nicht negativ sein.")

    @property
    def is_per_unit(self) -> bool:
        return self.unit_rate is not None


@dataclass(frozen=True)
class Settlement:
    """The result of the Schlussfestsetzung."""

    final_grant: Decimal  # Z
    refund: Decimal  # Rückforderung
    remaining_payable: Decimal  # noch auszuzahlen
    steps: list[SettlementStep] = field(default_factory=list)

    def stored_steps(self) -> list[dict]:
        """The steps as the settlement record keeps them (JSON)."""
        return [
            {
                "label": str(step.label),
                "expression": step.expression,
                "amount": step.amount,
                "unit": step.unit,
            }
            for step in self.steps
        ]


def settle(data: SettlementInput) -> Settlement:
    """Compute the final grant Z, the refund and what is still payable, with the steps.

    Pure: reads only `data`. Z = round_half_up(min(H; max(0; raw))) where `raw` is the
    formula of the financing type (see the module docstring); nothing is rounded before.
    """
    H = data.approved
    steps = [
        SettlementStep(_("Bewilligte Zuwendung (Höchstbetrag H)"), "H", H),
    ]
    if data.financing_type == FinancingType.FIXED and data.is_per_unit:
        raw, expression = _fixed_per_unit(data, steps)
    else:
        steps.append(
            SettlementStep(
                _("Zuwendungsfähige Ausgaben laut Verwendungsnachweis (A_ist)"),
                "A_ist",
                data.costs_actual,
            )
        )
        compute = {
            FinancingType.SHARE: _share,
            FinancingType.GAP: _gap,
            FinancingType.FIXED: _fixed,
            FinancingType.FULL: _full,
        }[FinancingType(data.financing_type)]
        raw, expression = compute(data, steps)

    capped = min(H, raw)
    steps.append(
        SettlementStep(_("Begrenzung auf den Höchstbetrag H"), f"min(H; {expression})", capped)
    )
    if capped < 0:
        capped = ZERO
        steps.append(
            SettlementStep(_("Keine negative Zuwendung"), f"max(0; min(H; {expression}))", capped)
        )
    final_grant = round_money(capped)
    steps.append(
        SettlementStep(
            _("Festgesetzte Zuwendung Z"),
            f"Z = max(0; min(H; {expression})), kaufmännisch auf Cent gerundet",
            final_grant,
        )
    )

    paid = data.paid
    refund = max(ZERO, round_money(paid - final_grant))
    remaining_payable = max(ZERO, round_money(final_grant - paid))
    steps.append(SettlementStep(_("ausgezahlt"), "ausgezahlt", paid))
    if remaining_payable > 0:
        steps.append(SettlementStep(_("noch auszuzahlen"), "Z − ausgezahlt", remaining_payable))
    else:
        steps.append(SettlementStep(_("Rückforderung"), "max(0; ausgezahlt − Z)", refund))
    return Settlement(
        final_grant=final_grant,
        refund=refund,
        remaining_payable=remaining_payable,
        steps=steps,
    )


# Each computation appends its own steps and returns (unrounded Z before the cap, formula).


def _share(data: SettlementInput, steps: list[SettlementStep]) -> tuple[Decimal, str]:
    """Anteilfinanzierung: q × (A_ist − Mehreinnahmen Dritter)."""
    extra = max(ZERO, data.third_actual - data.third_planned)
    raw = data.rate * (data.costs_actual - extra)
    steps += [
        SettlementStep(_("Förderquote q"), "q", data.rate * HUNDRED, StepUnit.PERCENT),
        SettlementStep(
            _("Drittmittel laut Finanzierungsplan (D_plan)"), "D_plan", data.third_planned
        ),
        SettlementStep(
            _("Drittmittel laut Verwendungsnachweis (D_ist)"), "D_ist", data.third_actual
        ),
        SettlementStep(_("Mehreinnahmen Dritter"), "max(0; D_ist − D_plan)", extra),
        SettlementStep(_("Anteilige Zuwendung"), "q × (A_ist − Mehreinnahmen)", raw),
    ]
    return raw, "q × (A_ist − Mehreinnahmen)"


def _gap(data: SettlementInput, steps: list[SettlementStep]) -> tuple[Decimal, str]:
    """Fehlbedarfsfinanzierung: A_ist − max(E_plan; E_ist) − D_ist."""
    own = max(data.own_planned, data.own_actual)
    raw = data.costs_actual - own - data.third_actual
    steps += [
        SettlementStep(
            _("Eigenmittel laut Finanzierungsplan (E_plan)"), "E_plan", data.own_planned
        ),
        SettlementStep(_("Eigenmittel laut Verwendungsnachweis (E_ist)"), "E_ist", data.own_actual),
        SettlementStep(
            _("Anzurechnende Eigenmittel (mindestens der geplante Eigenanteil)"),
            "max(E_plan; E_ist)",
            own,
        ),
        SettlementStep(
            _("Drittmittel laut Verwendungsnachweis (D_ist)"), "D_ist", data.third_actual
        ),
        SettlementStep(_("Fehlbedarf"), "A_ist − max(E_plan; E_ist) − D_ist", raw),
    ]
    return raw, "A_ist − max(E_plan; E_ist) − D_ist"


def _fixed(data: SettlementInput, steps: list[SettlementStep]) -> tuple[Decimal, str]:
    """Festbetragsfinanzierung: the fixed amount, unless the costs fall below it."""
    return data.costs_actual, "A_ist"


def _fixed_per_unit(data: SettlementInput, steps: list[SettlementStep]) -> tuple[Decimal, str]:
    """Festbetragsfinanzierung per unit: Satz je Einheit × Einheiten laut Verwendungsnachweis."""
    raw = data.unit_rate * data.units_actual
    steps += [
        SettlementStep(_("Satz je Einheit"), "Satz", data.unit_rate),
        SettlementStep(
            _("Anzahl der Einheiten laut Verwendungsnachweis"),
            "Einheiten_ist",
            data.units_actual,
            StepUnit.NUMBER,
        ),
        SettlementStep(_("Festbetrag nach Einheiten"), "Satz × Einheiten_ist", raw),
    ]
    return raw, "Satz × Einheiten_ist"


def _full(data: SettlementInput, steps: list[SettlementStep]) -> tuple[Decimal, str]:
    """Vollfinanzierung: all eligible costs not covered by third parties."""
    raw = data.costs_actual - data.third_actual
    steps += [
        SettlementStep(
            _("Drittmittel laut Verwendungsnachweis (D_ist)"), "D_ist", data.third_actual
        ),
        SettlementStep(_("Ungedeckte Ausgaben"), "A_ist − D_ist", raw),
    ]
    return raw, "A_ist − D_ist"


# German names of the input fields, for error messages (programming errors, not form errors).
FIELD_NAMES = {
    "approved": "Die bewilligte Zuwendung H",
    "rate": "Die Förderquote q",
    "costs_actual": "Die zuwendungsfähigen Ausgaben A_ist",
    "own_planned": "Die geplanten Eigenmittel E_plan",
    "own_actual": "Die tatsächlichen Eigenmittel E_ist",
    "third_planned": "Die geplanten Drittmittel D_plan",
    "third_actual": "Die tatsächlichen Drittmittel D_ist",
    "paid": "Der ausgezahlte Betrag",
    "unit_rate": "Der Satz je Einheit",
    "units_actual": "Die Anzahl der Einheiten",
}


def _check_decimal(name: str, value) -> None:
    if not isinstance(value, Decimal) or not value.is_finite():
        raise TypeError(f"{FIELD_NAMES[name]} muss ein endlicher Decimal-Wert sein: {value!r}.")


def _check_money(name: str, value) -> None:
    _check_decimal(name, value)
    if value < 0:
        raise ValueError(f"{FIELD_NAMES[name]} darf nicht negativ sein.")
    if value != round_money(value):
        raise ValueError(f"{FIELD_NAMES[name]} muss auf volle Cent lauten.")
