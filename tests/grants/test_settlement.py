"""Schlussfestsetzung: the final grant Z per financing type (DOMAIN.md), pure and exact."""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given, settings
from hypothesis import strategies as st

from core.money import CENT
from grants.models import FinancingType
from grants.settlement import Settlement, SettlementInput, StepUnit, settle

D = Decimal

# DOMAIN.md worked example: plan A = 10,000.00, E = 1,000.00, D = 2,000.00, H = 7,000.00,
# paid 7,000.00; actual costs 8,000.00, income as planned.
WORKED = {
    "approved": D("7000.00"),
    "costs_actual": D("8000.00"),
    "own_planned": D("1000.00"),
    "own_actual": D("1000.00"),
    "third_planned": D("2000.00"),
    "third_actual": D("2000.00"),
    "paid": D("7000.00"),
}


def run(financing_type, **changes) -> Settlement:
    figures = {**WORKED, **changes}
    if financing_type == FinancingType.SHARE:
        figures.setdefault("rate", D("0.70"))
    return settle(SettlementInput(financing_type=financing_type, **figures))


def outcome(result: Settlement) -> tuple[Decimal, Decimal, Decimal]:
    return result.final_grant, result.refund, result.remaining_payable


# The worked example of DOMAIN.md, exactly.


def test_worked_example_share_financing():
    assert outcome(run(FinancingType.SHARE)) == (D("5600.00"), D("1400.00"), D("0.00"))


def test_worked_example_gap_financing():
    assert outcome(run(FinancingType.GAP)) == (D("5000.00"), D("2000.00"), D("0.00"))


def test_worked_example_fixed_financing():
    assert outcome(run(FinancingType.FIXED)) == (D("7000.00"), D("0.00"), D("0.00"))


def test_full_financing_covers_the_costs_not_covered_by_third_parties():
    # 8,000.00 − 2,000.00 = 6,000.00; own funds play no part.
    assert outcome(run(FinancingType.FULL)) == (D("6000.00"), D("1000.00"), D("0.00"))
    assert run(FinancingType.FULL, own_actual=D("0.00")).final_grant == D("6000.00")


# Anteilfinanzierung


def test_share_additional_third_party_money_is_shared_pro_rata():
    # 500.00 more from the foundation: Z falls by q × 500.00 = 350.00, not by 500.00.
    result = run(FinancingType.SHARE, third_actual=D("2500.00"))
    assert outcome(result) == (D("5250.00"), D("1750.00"), D("0.00"))


def test_share_less_third_party_money_than_planned_does_not_raise_the_grant():
    assert run(FinancingType.SHARE, third_actual=D("1500.00")).final_grant == D("5600.00")


def test_share_own_funds_do_not_matter():
    assert run(FinancingType.SHARE, own_actual=D("3000.00")).final_grant == D("5600.00")


# Fehlbedarfsfinanzierung


def test_gap_the_planned_own_share_is_always_owed_in_full():
    # Less own money than planned: E_plan still counts.
    assert run(FinancingType.GAP, own_actual=D("500.00")).final_grant == D("5000.00")
    # More own money than planned reduces the gap by the full amount.
    assert run(FinancingType.GAP, own_actual=D("1500.00")).final_grant == D("4500.00")


def test_gap_extra_third_party_money_reduces_the_grant_by_the_full_amount():
    assert run(FinancingType.GAP, third_actual=D("2300.00")).final_grant == D("4700.00")


def test_gap_is_never_negative_when_income_exceeds_the_costs():
    result = run(FinancingType.GAP, costs_actual=D("2000.00"))  # 2,000 − 1,000 − 2,000 < 0
    assert outcome(result) == (D("0.00"), D("7000.00"), D("0.00"))
    labels = [str(step.label) for step in result.steps]
    assert "Keine negative Zuwendung" in labels


# Festbetragsfinanzierung


def test_fixed_costs_below_the_fixed_amount_reduce_the_grant():
    result = run(FinancingType.FIXED, costs_actual=D("6500.00"))
    assert outcome(result) == (D("6500.00"), D("500.00"), D("0.00"))


def test_fixed_income_does_not_change_the_grant():
    result = run(FinancingType.FIXED, third_actual=D("5000.00"), own_actual=D("0.00"))
    assert result.final_grant == D("7000.00")


def test_fixed_per_unit_rate_times_units():
    result = run(FinancingType.FIXED, unit_rate=D("45.00"), units_actual=D("120"))
    assert outcome(result) == (D("5400.00"), D("1600.00"), D("0.00"))
    units = next(step for step in result.steps if step.unit == StepUnit.NUMBER)
    assert units.amount == D("120")


def test_fixed_per_unit_is_capped_at_the_approved_amount():
    result = run(FinancingType.FIXED, unit_rate=D("45.00"), units_actual=D("200"))
    assert result.final_grant == D("7000.00")


def test_fixed_per_unit_rounds_the_product_not_the_rate():
    # 12.345 × 3 = 37.035 → 37.04; rounding the rate first would give 12.35 × 3 = 37.05.
    result = run(FinancingType.FIXED, unit_rate=D("12.345"), units_actual=D("3"), paid=D("0.00"))
    assert outcome(result) == (D("37.04"), D("0.00"), D("37.04"))


# Cap, floor, payable, rounding


def test_the_grant_is_capped_at_the_approved_amount():
    # 0.70 × 12,000.00 = 8,400.00 > H
    result = run(FinancingType.SHARE, costs_actual=D("12000.00"))
    assert result.final_grant == D("7000.00")
    cap = next(s for s in result.steps if str(s.label) == "Begrenzung auf den Höchstbetrag H")
    assert cap.amount == D("7000.00")


def test_remaining_payable_when_less_was_paid():
    result = run(FinancingType.SHARE, paid=D("5000.00"))
    assert outcome(result) == (D("5600.00"), D("0.00"), D("600.00"))
    assert str(result.steps[-1].label) == "noch auszuzahlen"
    assert result.steps[-1].amount == D("600.00")


def test_rounding_only_at_the_end():
    # q × (A_ist − Mehreinnahmen) = 0.70 × (1,000.05 − 0.03) = 700.014 → 700.01.
    # Rounding q × A_ist (700.035 → 700.04) and q × Mehreinnahmen (0.021 → 0.02) first
    # would give 700.02.
    result = run(
        FinancingType.SHARE,
        costs_actual=D("1000.05"),
        third_actual=D("2000.03"),
        paid=D("0.00"),
    )
    assert result.final_grant == D("700.01")
    share = next(s for s in result.steps if str(s.label) == "Anteilige Zuwendung")
    assert share.amount == D("700.014")  # the intermediate step is not rounded


def test_rounding_is_half_up():
    # 0.70 × 1,000.75 = 700.525 → 700.53 (half-even would give 700.52)
    result = run(FinancingType.SHARE, costs_actual=D("1000.75"))
    assert result.final_grant == D("700.53")


# The steps for the staff page and the notice


def test_the_steps_show_the_share_computation_in_german():
    with translation.override("de"):
        result = run(FinancingType.SHARE)
        steps = [(str(step.label), step.expression, step.amount) for step in result.steps]
    assert steps == [
        ("Bewilligte Zuwendung (Höchstbetrag H)", "H", D("7000.00")),
        ("Zuwendungsfähige Ausgaben laut Verwendungsnachweis (A_ist)", "A_ist", D("8000.00")),
        ("Förderquote q", "q", D("70")),
        ("Drittmittel laut Finanzierungsplan (D_plan)", "D_plan", D("2000.00")),
        ("Drittmittel laut Verwendungsnachweis (D_ist)", "D_ist", D("2000.00")),
        ("Mehreinnahmen Dritter", "max(0; D_ist − D_plan)", D("0.00")),
        ("Anteilige Zuwendung", "q × (A_ist − Mehreinnahmen)", D("5600.00")),
        (
            "Begrenzung auf den Höchstbetrag H",
            "min(H; q × (A_ist − Mehreinnahmen))",
            D("5600.00"),
        ),
        (
            "Festgesetzte Zuwendung Z",
            "Z = max(0; min(H; q × (A_ist − Mehreinnahmen))), kaufmännisch auf Cent gerundet",
            D("5600.00"),
        ),
        ("ausgezahlt", "ausgezahlt", D("7000.00")),
        ("Rückforderung", "max(0; ausgezahlt − Z)", D("1400.00")),
    ]
    assert result.steps[2].unit == StepUnit.PERCENT
    assert all(isinstance(step.amount, Decimal) for step in result.steps)


@pytest.mark.parametrize("financing_type", FinancingType.values)
def test_every_type_ends_with_z_paid_and_the_balance(financing_type):
    result = run(financing_type)
    labels = [str(step.label) for step in result.steps]
    assert labels[-3:] == ["Festgesetzte Zuwendung Z", "ausgezahlt", "Rückforderung"]
    assert result.steps[-3].amount == result.final_grant


# Wrong input is refused


@pytest.mark.parametrize(
    ("financing_type", "changes", "error"),
    [
        (FinancingType.SHARE, {"rate": D("70")}, ValueError),  # percent instead of fraction
        (FinancingType.SHARE, {"rate": D("0")}, ValueError),
        (FinancingType.SHARE, {"rate": None}, ValueError),
        (FinancingType.GAP, {"costs_actual": D("-1.00")}, ValueError),
        (FinancingType.GAP, {"paid": D("1.005")}, ValueError),
        (FinancingType.GAP, {"paid": 7000.0}, TypeError),
        (FinancingType.GAP, {"unit_rate": D("10"), "units_actual": D("3")}, ValueError),
        (FinancingType.FIXED, {"unit_rate": D("10")}, ValueError),
        ("pauschal", {}, ValueError),
    ],
)
def test_wrong_input_is_refused(financing_type, changes, error):
    with pytest.raises(error):
        run(financing_type, **changes)


# Properties over all four types

money = st.decimals(min_value=0, max_value=1_000_000, places=2)


@st.composite
def settlement_inputs(draw):
    financing_type = draw(st.sampled_from(FinancingType.values))
    per_unit = financing_type == FinancingType.FIXED and draw(st.booleans())
    return SettlementInput(
        financing_type=financing_type,
        approved=draw(money),
        rate=draw(st.decimals(min_value="0.0001", max_value=1, places=4)),
        costs_actual=draw(money),
        own_planned=draw(money),
        own_actual=draw(money),
        third_planned=draw(money),
        third_actual=draw(money),
        paid=draw(money),
        unit_rate=draw(st.decimals(min_value=0, max_value=1000, places=3)) if per_unit else None,
        units_actual=draw(st.decimals(min_value=0, max_value=10_000, places=1))
        if per_unit
        else None,
    )


@settings(deadline=None, max_examples=300)
@given(data=settlement_inputs())
def test_settlement_properties(data):
    result = settle(data)
    z = result.final_grant
    assert 0 <= z <= data.approved
    assert z == z.quantize(CENT) and z.as_tuple().exponent >= -2
    assert result.refund - result.remaining_payable == data.paid - z
    assert result.refund >= 0 and result.remaining_payable >= 0
    assert not (result.refund > 0 and result.remaining_payable > 0)
