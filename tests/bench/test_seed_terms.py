"""The bulk seeding gives every seeded grant the terms its decision fixed, as the services do."""

import pytest

from bench.seeding.bulk import seed
from grants.models import Decision, DecisionOutcome, GrantTerms

pytestmark = pytest.mark.django_db


def test_every_seeded_approval_has_version_1_of_its_terms():
    seed(40, random_seed=5)

    approvals = Decision.objects.exclude(outcome=DecisionOutcome.REJECTED)
    assert approvals.exists()
    for decision in approvals.select_related("application__call__programme"):
        terms = GrantTerms.objects.get(decision=decision)
        programme = decision.application.call.programme
        assert (terms.version, terms.application_id) == (1, decision.application_id)
        assert terms.approved_amount == decision.approved_amount
        assert terms.financing_type == programme.financing_type
        assert terms.eligible_costs == decision.application.cost_total
    assert not GrantTerms.objects.filter(decision__outcome=DecisionOutcome.REJECTED).exists()
