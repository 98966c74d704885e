"""The data migration grants/0012 gives existing grants their terms: version 1 from the
decision with the programme's values, one version per Änderungsbescheid with its amount."""

from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from grants.models import (
    ChangeRequest,
    Decision,
    DecisionOutcome,
    FinancingType,
    GrantTerms,
)
from tests.factories import ApplicationFactory, ProgrammeFactory, UserFactory

BEFORE = [("grants", "0011_money_terms_delivery")]

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def test_the_migration_creates_version_1_and_a_version_per_change_notice():
    officer = UserFactory()
    share = ApplicationFactory(
        call__programme=ProgrammeFactory(
            financing_type=FinancingType.SHARE, funding_rate=Decimal("70.00")
        ),
        requested_amount=Decimal("7000.00"),
    )
    Decision.objects.create(
        application=share,
        outcome=DecisionOutcome.APPROVED,
        approved_amount=Decimal("7000.00"),
        decided_by=officer,
    )
    gap = ApplicationFactory(
        call__programme=ProgrammeFactory(financing_type=FinancingType.GAP, funding_rate=None)
    )
    Decision.objects.create(
        application=gap,
        outcome=DecisionOutcome.PARTIAL,
        approved_amount=Decimal("6000.00"),
        reasons="Honorare gekürzt.",
        decided_by=officer,
    )
    change = ChangeRequest.objects.create(
        application=gap,
        requested_by=officer,
        reason="Weniger Kurse.",
        new_amount=Decimal("5000.00"),
        status="approved",
        decided_by=officer,
        version_issued=2,
    )
    rejected = ApplicationFactory()
    Decision.objects.create(
        application=rejected,
        outcome=DecisionOutcome.REJECTED,
        approved_amount=Decimal("0.00"),
        reasons="Nicht förderfähig.",
        decided_by=officer,
    )
    leaves = latest()

    migrate(BEFORE)
    migrate(leaves)

    [share_terms] = GrantTerms.objects.filter(application=share)
    assert share_terms.version == 1
    assert share_terms.decision.application_id == share.pk
    assert share_terms.financing_type == FinancingType.SHARE
    assert share_terms.funding_rate == Decimal("70.00")
    assert share_terms.approved_amount == Decimal("7000.00")
    assert share_terms.eligible_costs == Decimal("10000.00")
    assert share_terms.fixed_by == officer
    first, second = GrantTerms.objects.filter(application=gap).order_by("version")
    assert (first.version, first.financing_type, first.funding_rate) == (
        1,
        FinancingType.GAP,
        None,
    )
    assert first.approved_amount == Decimal("6000.00")
    assert (second.version, second.change_request, second.approved_amount) == (
        2,
        change,
        Decimal("5000.00"),
    )
    assert not GrantTerms.objects.filter(application=rejected).exists()
