import pytest
from django.test import override_settings

from grants.services.reference import reference_next

pytestmark = pytest.mark.django_db


def test_reference_numbers_count_up_per_year_with_four_digits():
    assert reference_next(year=2026) == "ZI-2026-0001"
    assert reference_next(year=2026) == "ZI-2026-0002"
    assert reference_next(year=2027) == "ZI-2027-0001"
    assert reference_next(year=2026) == "ZI-2026-0003"


@override_settings(APPLICATION_REFERENCE_PREFIX="INT")
def test_the_prefix_is_configurable():
    assert reference_next(year=2026) == "INT-2026-0001"
