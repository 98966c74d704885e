"""The decision fixes the terms (DOMAIN.md, "Money after the decision"): financing type, rate,
eligible costs with the excluded lines and their reasons, the approved amount; the notice
prints them and the settlement reads them, whatever the programme says later."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from budgeting.services.settlement import settlement_input
from core.models import AuditEntry
from grants.models import (
    Application,
    ApplicationStatus,
    CostLine,
    Decision,
    DecisionOutcome,
    FinancingLine,
    FinancingType,
    GrantTerms,
    NoticeKind,
)
from grants.reports.rules import ReportTotals
from grants.services.case import decision_record
from grants.services.notice import notice_issue
from grants.services.terms import Exclusion
from grants.settlement import settle
from grants.terms import terms_in_force
from tests.factories import ApplicationFactory, ProgrammeFactory, UserFactory

pytestmark = pytest.mark.django_db

HONORAR_REASON = "Honorare über 60 € je Stunde sind nach der Honorarrichtlinie nicht angemessen."
MATERIAL_REASON = "Verbrauchsmaterial ist mit der Raumpauschale abgegolten."


def pdf_text(data: bytes) -> str:
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return " ".join(text.replace("\N{NO-BREAK SPACE}", " ").split())


def plain(errors: dict) -> dict:
    """The messages with no-break spaces as plain spaces."""
    return {
        field: [m.replace("\N{NO-BREAK SPACE}", " ") for m in messages]
        for field, messages in errors.items()
    }


def awaiting_decision(application: Application) -> Application:
    Application.objects.filter(pk=application.pk).update(
        status=ApplicationStatus.AWAITING_DECISION, reference="ZI-2026-0042"
    )
    application.refresh_from_db()
    return application


@pytest.fixture
def officer(db):
    return UserFactory()


@pytest.fixture
def worked_example(db):
    """DOMAIN.md's worked example: A = 10,000.00, E = 1,000.00, D = 2,000.00 (a foundation),
    70 % Anteilfinanzierung, H = 7,000.00."""
    programme = ProgrammeFactory(financing_type=FinancingType.SHARE, funding_rate=Decimal("70"))
    application = ApplicationFactory(
        call__programme=programme, requested_amount=Decimal("7000.00"), plan=False
    )
    CostLine.objects.create(
        application=application, category="honorare", description="Kursleitung", amount="9000.00"
    )
    CostLine.objects.create(
        application=application, category="sachkosten", description="Material", amount="1000.00"
    )
    FinancingLine.objects.create(application=application, kind="eigenmittel", amount="1000.00")
    FinancingLine.objects.create(
        application=application, kind="stiftung", source_name="Stiftung", amount="2000.00"
    )
    return awaiting_decision(application)


def line(application, description) -> CostLine:
    return application.cost_lines.get(description=description)


ACTUALS = ReportTotals(
    costs_planned=Decimal("10000.00"),
    costs_actual=Decimal("8000.00"),
    own_planned=Decimal("1000.00"),
    own_actual=Decimal("1000.00"),
    third_planned=Decimal("2000.00"),
    third_actual=Decimal("2000.00"),
    receipts_total=Decimal("8000.00"),
)


def settle_now(application):
    return settle(
        settlement_input(application, ACTUALS, approved=Decimal("7000.00"), paid=Decimal("7000.00"))
    )


def test_an_approval_fixes_version_1_of_the_terms_from_the_programme_and_the_plan(
    worked_example, officer
):
    decision = decision_record(
        application=worked_example,
        user=officer,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=None,
        reasons="",
    )

    terms = terms_in_force(worked_example)
    assert (terms.version, terms.decision, terms.change_request) == (1, decision, None)
    assert terms.financing_type == FinancingType.SHARE
    assert terms.funding_rate == Decimal("70.00")
    assert terms.eligible_costs == Decimal("10000.00")
    assert terms.approved_amount == Decimal("7000.00")
    assert (terms.unit_rate, terms.units_planned, terms.fixed_by) == (None, None, officer)
    assert list(terms.excluded_lines.all()) == []
    entry = AuditEntry.objects.get(action="grants.terms.fixed")
    assert entry.after["eligible_costs"] == "10000.00"


def test_a_rejection_fixes_no_terms(worked_example, officer):
    decision_record(
        application=worked_example,
        user=officer,
        outcome=DecisionOutcome.REJECTED,
        approved_amount=None,
        reasons="Außerhalb der Handlungsfelder.",
    )

    assert terms_in_force(worked_example) is None


def test_a_programme_rate_changed_after_the_approval_leaves_the_settlement_unchanged(
    worked_example, officer
):
    decision_record(
        application=worked_example,
        user=officer,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=None,
        reasons="",
    )
    before = settle_now(worked_example)
    assert (before.final_grant, before.refund) == (Decimal("5600.00"), Decimal("1400.00"))

    programme = worked_example.call.programme
    programme.funding_rate = Decimal("50.00")
    programme.save()
    worked_example.refresh_from_db()
    after = settle_now(worked_example)

    assert (after.final_grant, after.refund) == (Decimal("5600.00"), Decimal("1400.00"))
    assert next(s.amount for s in after.steps if s.expression == "q") == Decimal("70.00")


def test_a_programme_changed_to_another_financing_type_does_not_change_the_settlement(
    worked_example, officer
):
    decision_record(
        application=worked_example,
        user=officer,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=None,
        reasons="",
    )
    programme = worked_example.call.programme
    programme.financing_type, programme.funding_rate = FinancingType.GAP, None
    programme.save()

    # Fehlbedarf would give 5,000.00; the notice said Anteil 70 %.
    assert settle_now(worked_example).final_grant == Decimal("5600.00")


def test_a_partial_approval_with_an_excluded_line_fixes_and_prints_the_eligible_costs(
    worked_example, officer
):
    worked_example.requested_amount = Decimal("7000.00")
    decision = decision_record(
        application=worked_example,
        user=officer,
        outcome=DecisionOutcome.PARTIAL,
        approved_amount=Decimal("6300.00"),
        reasons="Das Material ist nicht zuwendungsfähig.",
        excluded=[
            Exclusion(
                cost_line_id=line(worked_example, "Material").pk,
                amount=Decimal("1000.00"),
                reason=MATERIAL_REASON,
            )
        ],
    )

    terms = terms_in_force(worked_example)
    assert terms.eligible_costs == Decimal("9000.00")
    assert terms.approved_amount == Decimal("6300.00")
    [excluded] = terms.excluded_lines.all()
    assert (excluded.cost_line.description, excluded.amount, excluded.reason) == (
        "Material",
        Decimal("1000.00"),
        MATERIAL_REASON,
    )
    notice = notice_issue(application=decision.application, kind=NoticeKind.APPROVAL, user=officer)
    with notice.file.open("rb") as handle:
        text = pdf_text(handle.read())
    assert "zuwendungsfähige Ausgaben 9.000,00 €" in text
    assert "Gesamtausgaben laut Kostenplan 10.000,00 €" in text
    assert "davon nicht zuwendungsfähig 1.000,00 €" in text
    assert MATERIAL_REASON in text
    assert "Förderquote 70 %" in text
    assert "6.300,00 €" in text


def test_an_excluded_amount_needs_a_reason_and_nothing_is_stored(worked_example, officer):
    material = line(worked_example, "Material")
    with pytest.raises(ValidationError) as refusal:
        decision_record(
            application=worked_example,
            user=officer,
            outcome=DecisionOutcome.PARTIAL,
            approved_amount=Decimal("6300.00"),
            reasons="Material nicht förderfähig.",
            excluded=[Exclusion(cost_line_id=material.pk, amount=Decimal("1000.00"), reason=" ")],
        )

    assert refusal.value.message_dict == {
        f"reason_{material.pk}": [
            "Bitte begründen Sie, warum dieser Betrag nicht zuwendungsfähig ist."
        ]
    }
    assert not Decision.objects.exists()
    assert not GrantTerms.objects.exists()
    worked_example.refresh_from_db()
    assert worked_example.status == ApplicationStatus.AWAITING_DECISION


def test_an_excluded_amount_may_not_exceed_its_line(worked_example, officer):
    material = line(worked_example, "Material")
    with pytest.raises(ValidationError) as refusal:
        decision_record(
            application=worked_example,
            user=officer,
            outcome=DecisionOutcome.PARTIAL,
            approved_amount=Decimal("6000.00"),
            reasons="Material nicht förderfähig.",
            excluded=[
                Exclusion(cost_line_id=material.pk, amount=Decimal("1500.00"), reason="zu viel")
            ],
        )

    assert plain(refusal.value.message_dict)[f"excluded_{material.pk}"] == [
        "Es können höchstens die 1.000,00 € der Kostenposition „Material“ ausgeschlossen werden."
    ]
    assert not GrantTerms.objects.exists()


def test_a_reason_without_an_amount_is_refused(worked_example, officer):
    material = line(worked_example, "Material")
    with pytest.raises(ValidationError, match="nicht zuwendungsfähigen Betrag"):
        decision_record(
            application=worked_example,
            user=officer,
            outcome=DecisionOutcome.APPROVED,
            approved_amount=None,
            reasons="",
            excluded=[Exclusion(cost_line_id=material.pk, amount=None, reason=MATERIAL_REASON)],
        )


def test_a_full_approval_above_what_the_eligible_costs_allow_is_refused_with_a_hint(
    worked_example, officer
):
    """70 % of 9,000.00 eligible costs are 6,300.00: the 7,000.00 requested cannot be
    approved in full once the material is excluded."""
    with pytest.raises(ValidationError) as refusal:
        decision_record(
            application=worked_example,
            user=officer,
            outcome=DecisionOutcome.APPROVED,
            approved_amount=None,
            reasons="",
            excluded=[
                Exclusion(
                    cost_line_id=line(worked_example, "Material").pk,
                    amount=Decimal("1000.00"),
                    reason=MATERIAL_REASON,
                )
            ],
        )

    assert plain(refusal.value.message_dict) == {
        "outcome": [
            "Der beantragte Betrag von 7.000,00 € übersteigt den zulässigen Höchstbetrag von "
            "6.300,00 € (70 % Anteilfinanzierung auf zuwendungsfähige Ausgaben von "
            "9.000,00 €). Bitte bewilligen Sie in Teilen, höchstens 6.300,00 €."
        ]
    }
    assert not Decision.objects.exists()


def test_a_partial_approval_above_the_share_of_the_eligible_costs_is_refused(
    worked_example, officer
):
    with pytest.raises(ValidationError) as refusal:
        decision_record(
            application=worked_example,
            user=officer,
            outcome=DecisionOutcome.PARTIAL,
            approved_amount=Decimal("6300.01"),
            reasons="Honorare gekürzt.",
            excluded=[
                Exclusion(
                    cost_line_id=line(worked_example, "Kursleitung").pk,
                    amount=Decimal("1000.00"),
                    reason=HONORAR_REASON,
                )
            ],
        )

    assert "übersteigt den zulässigen Höchstbetrag von 6.300,00 €" in str(
        plain(refusal.value.message_dict)["approved_amount"]
    )


@pytest.mark.parametrize(
    ("financing_type", "rate", "maximum"),
    [
        # Fehlbedarf: 9,000.00 − 1,000.00 own − 2,000.00 third = 6,000.00
        (FinancingType.GAP, None, "6000.00"),
        # Voll: 9,000.00 − 2,000.00 third = 7,000.00
        (FinancingType.FULL, None, "7000.00"),
        # Festbetrag: the eligible costs, 9,000.00
        (FinancingType.FIXED, None, "9000.00"),
        # Anteil 70 % of 9,000.00, rounded half-up
        (FinancingType.SHARE, Decimal("70"), "6300.00"),
    ],
)
def test_each_financing_type_caps_a_partial_approval_on_the_eligible_costs(
    worked_example, officer, financing_type, rate, maximum
):
    programme = worked_example.call.programme
    programme.financing_type, programme.funding_rate = financing_type, rate
    programme.save()
    worked_example.requested_amount = Decimal("9999.99")
    worked_example.save()
    material = Exclusion(
        cost_line_id=line(worked_example, "Material").pk,
        amount=Decimal("1000.00"),
        reason=MATERIAL_REASON,
    )

    def decide(amount):
        return decision_record(
            application=worked_example,
            user=officer,
            outcome=DecisionOutcome.PARTIAL,
            approved_amount=Decimal(amount),
            reasons="Teilbewilligung.",
            excluded=[material],
        )

    with pytest.raises(ValidationError, match="Höchstbetrag"):
        decide(Decimal(maximum) + Decimal("0.01"))
    decide(maximum)
    assert terms_in_force(worked_example).approved_amount == Decimal(maximum)
