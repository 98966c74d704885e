"""The application form with bad amounts, dates and indicator values: saved or refused whole."""

import pytest
from django.forms.models import model_to_dict
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from core.models import AuditEntry
from grants.models import Application, ApplicationIndicator, CostLine, FinancingLine
from tests.grants.indicator_factories import IndicatorFactory
from tests.security.fuzz import (
    DATES,
    FUZZ,
    NUMBERS,
    assert_answer,
    marked_invalid,
    rolled_back,
)

pytestmark = pytest.mark.django_db

MONEY_FIELDS = ["requested_amount", "costs-0-amount", "funds-0-amount"]
DATE_FIELDS = ["project_start", "project_end"]
INDICATOR_FIELDS = ["ind-{pk}_baseline", "ind-{pk}_target", "own-0-baseline", "own-0-target"]


@pytest.fixture
def indicator(programme):
    return IndicatorFactory(programme=programme, code="TN", name="Teilnehmende", mandatory=True)


def page_data(application, indicator, **extra) -> dict:
    """The edit page as the browser posts it: project, a plan that balances, one indicator of
    the catalogue and one of the applicant's own."""
    data = {
        "title": application.title,
        "summary": application.summary,
        "goals": application.goals,
        "target_group": application.target_group,
        "districts": [str(d.pk) for d in application.districts.all()],
        "project_start": application.project_start.isoformat(),
        "project_end": application.project_end.isoformat(),
        "requested_amount": "8.000,00",
        "costs-TOTAL_FORMS": "1",
        "costs-INITIAL_FORMS": "0",
        "costs-0-category": "honorare",
        "costs-0-description": "Kursleitung",
        "costs-0-amount": "10.000,00",
        "funds-TOTAL_FORMS": "1",
        "funds-INITIAL_FORMS": "0",
        "funds-0-kind": "eigenmittel",
        "funds-0-amount": "2.000,00",
        f"ind-{indicator.pk}_baseline": "0",
        f"ind-{indicator.pk}_target": "25",
        "own-TOTAL_FORMS": "1",
        "own-INITIAL_FORMS": "0",
        "own-0-name": "Frauen, die allein zum Arzt gehen",
        "own-0-unit": "count",
        "own-0-direction": "increase",
        "own-0-baseline": "3",
        "own-0-target": "15",
    }
    data.update(extra)
    return data


def state(application):
    def rows(model):
        return [model_to_dict(row) for row in model.objects.filter(application=application)]

    app = model_to_dict(Application.objects.get(pk=application.pk), exclude=["districts"])
    return (
        app,
        rows(CostLine),
        rows(FinancingLine),
        rows(ApplicationIndicator),
        AuditEntry.objects.count(),
    )


def post_bad_value(client, url, application, indicator, field, value):
    """Post the page with one bad value; never a server error."""
    field = field.format(pk=indicator.pk)
    before = state(application)
    response = client.post(url, page_data(application, indicator, **{field: value}))
    assert_answer(response)
    return response, before


def refused_whole(client, application, indicator, field, value):
    """Saving the draft: a refusal names the field and changes nothing."""
    response, before = post_bad_value(
        client, edit_url(application), application, indicator, field, value
    )
    if response.status_code == 400:
        assert marked_invalid(response, field.format(pk=indicator.pk))
        assert state(application) == before


def edit_url(application):
    return reverse("portal:application_edit", args=[application.pk])


def submit_url(application):
    return reverse("portal:application_submit", args=[application.pk])


@FUZZ
@given(field=st.sampled_from(MONEY_FIELDS + INDICATOR_FIELDS), value=NUMBERS)
def test_a_bad_amount_or_indicator_value_is_refused_whole(
    applicant_client, draft, indicator, field, value
):
    with rolled_back():
        refused_whole(applicant_client, draft, indicator, field, value)


@FUZZ
@given(field=st.sampled_from(DATE_FIELDS), value=DATES)
def test_a_bad_project_date_is_refused_whole(applicant_client, draft, indicator, field, value):
    with rolled_back():
        refused_whole(applicant_client, draft, indicator, field, value)


@FUZZ
@given(
    field=st.sampled_from(MONEY_FIELDS + DATE_FIELDS + INDICATOR_FIELDS),
    value=st.one_of(NUMBERS, DATES),
)
def test_submitting_bad_values_never_fails_and_never_submits_them(
    applicant_client, draft, indicator, field, value
):
    with rolled_back():
        response, _before = post_bad_value(
            applicant_client, submit_url(draft), draft, indicator, field, value
        )
        if response.status_code == 400:
            # The draft may be saved (a broken rule of the submission), but not submitted.
            assert Application.objects.get(pk=draft.pk).status == "draft"
