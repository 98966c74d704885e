"""The application form saves the same amounts in every language, each typed its own way."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from tests.grants.test_submission_story import draft_data

pytestmark = pytest.mark.django_db

# requested, costs (2), own funds, foundation: as each language writes them.
AMOUNTS = {
    "de": ("4.000,00", "4.000,00", "1.000,00", "500,00", "500,00"),
    "en": ("4,000.00", "4,000.00", "1,000.00", "500.00", "500.00"),
    "tr": ("4.000,00", "4.000,00", "1.000,00", "500,00", "500,00"),
    "ar": ("4000,00", "4000,00", "1000,00", "500,00", "500,00"),
}


@pytest.fixture(autouse=True)
def _german_afterwards():
    yield
    translation.deactivate()


@pytest.mark.parametrize("language", list(AMOUNTS))
def test_the_edit_form_saves_the_same_decimals_in_every_language(
    applicant_client, applicant, draft, language
):
    applicant.language = language
    applicant.save(update_fields=["language"])
    requested, honorare, sachkosten, own, foundation = AMOUNTS[language]
    data = draft_data(
        save="",
        requested_amount=requested,
        **{
            "costs-0-amount": honorare,
            "costs-1-amount": sachkosten,
            "funds-0-amount": own,
            "funds-1-amount": foundation,
        },
    )
    url = reverse("portal:application_edit", args=[draft.pk])
    response = applicant_client.post(url, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Content-Language"] == language
    draft.refresh_from_db()
    assert draft.requested_amount == Decimal("4000.00")
    assert sorted(draft.cost_lines.values_list("amount", flat=True)) == [
        Decimal("1000.00"),
        Decimal("4000.00"),
    ]
    assert sorted(draft.financing_lines.values_list("amount", flat=True)) == [
        Decimal("500.00"),
        Decimal("500.00"),
    ]
    # The page shows the amounts back the way the language writes them.
    html = applicant_client.get(url).content.decode()
    assert f'value="{requested}"' in html
