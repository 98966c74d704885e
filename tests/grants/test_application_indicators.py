"""The applicant chooses indicators with baseline and target; submission needs them complete."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from core.models import AuditEntry
from grants.models import ApplicationStatus, IndicatorLevel, IndicatorUnit
from grants.rules import INDICATORS, submission_errors
from grants.services.errors import NotAllowed
from grants.services.indicators import IndicatorChoice, application_indicators_save
from tests.grants.indicator_factories import ApplicationIndicatorFactory, IndicatorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(programme):
    """One mandatory and two optional indicators of the programme."""
    return {
        "termine": IndicatorFactory(
            programme=programme,
            code="TERMINE",
            name="Durchgeführte Termine",
            step=1,
            mandatory=True,
            about_people=False,
            position=1,
        ),
        "quote": IndicatorFactory(
            programme=programme,
            code="QUOTE",
            name="Teilnahmequote",
            step=3,
            unit=IndicatorUnit.PERCENT,
            aggregation="rate",
            position=2,
        ),
        "eltern": IndicatorFactory(
            programme=programme,
            code="ELTERN",
            name="Eltern, die an Schulgesprächen teilnehmen",
            level=IndicatorLevel.OUTCOME,
            step=5,
            position=3,
        ),
    }


def page_data(application, **extra) -> dict:
    """The edit page as the browser posts it: project, plan, and the indicator section."""
    costs = list(application.cost_lines.order_by("pk"))
    funds = list(application.financing_lines.order_by("pk"))
    data = {
        "title": application.title,
        "summary": application.summary,
        "goals": application.goals,
        "target_group": application.target_group,
        "districts": [str(d.pk) for d in application.districts.all()],
        "project_start": application.project_start.isoformat(),
        "project_end": application.project_end.isoformat(),
        "requested_amount": "8.000,00",
        "costs-TOTAL_FORMS": str(len(costs)),
        "costs-INITIAL_FORMS": "0",
        "funds-TOTAL_FORMS": str(len(funds)),
        "funds-INITIAL_FORMS": "0",
        "own-TOTAL_FORMS": "1",
        "own-INITIAL_FORMS": "0",
    }
    for number, line in enumerate(costs):
        data[f"costs-{number}-category"] = line.category
        data[f"costs-{number}-description"] = line.description
        data[f"costs-{number}-amount"] = str(line.amount).replace(".", ",")
    for number, line in enumerate(funds):
        data[f"funds-{number}-kind"] = line.kind
        data[f"funds-{number}-source_name"] = line.source_name
        data[f"funds-{number}-amount"] = str(line.amount).replace(".", ",")
    data.update(extra)
    return data


def own_indicator(target: str = "", number: int = 0) -> dict:
    return {
        f"own-{number}-name": "Frauen, die allein zum Arzt gehen können",
        f"own-{number}-unit": "count",
        f"own-{number}-direction": "increase",
        f"own-{number}-baseline": "3",
        f"own-{number}-target": target,
    }


def edit_url(application):
    return reverse("portal:application_edit", args=[application.pk])


def submit_url(application):
    return reverse("portal:application_submit", args=[application.pk])


def test_the_applicant_chooses_three_indicators_and_submits_once_every_target_is_there(
    applicant_client, draft, catalogue
):
    termine, quote = catalogue["termine"], catalogue["quote"]
    page = applicant_client.get(edit_url(draft)).content.decode()
    assert "Durchgeführte Termine" in page and "Teilnahmequote" in page
    assert "Der Ausgangswert ist der Stand heute" in page
    mandatory_box = re.search(rf'<input[^>]*name="ind-{termine.pk}_chosen"[^>]*>', page)[0]
    assert "checked" in mandatory_box and "disabled" in mandatory_box

    chosen = {
        f"ind-{termine.pk}_baseline": "0",
        f"ind-{termine.pk}_target": "1.234,5",
        f"ind-{quote.pk}_chosen": "on",
        f"ind-{quote.pk}_baseline": "40",
        f"ind-{quote.pk}_target": "72,5",
    }
    response = applicant_client.post(
        submit_url(draft), page_data(draft, **chosen, **own_indicator())
    )
    assert response.status_code == 400
    page = response.content.decode()
    errors = re.search(r'id="indicators-errors".*?</div>', page, re.S)[0]
    assert "Bitte geben Sie für „Frauen, die allein zum Arzt gehen können“ einen Zielwert an." in (
        errors
    )
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.DRAFT
    assert [(row.name, row.target) for row in draft.indicators.all()] == [
        ("Durchgeführte Termine", Decimal("1234.50")),
        ("Teilnahmequote", Decimal("72.50")),
        ("Frauen, die allein zum Arzt gehen können", None),
    ]

    data = page_data(draft, **chosen, **own_indicator("15"), **{"own-INITIAL_FORMS": "1"})
    response = applicant_client.post(submit_url(draft), data)
    assert response.status_code == 302, response.content.decode()
    draft.refresh_from_db()
    assert draft.status == ApplicationStatus.SUBMITTED
    rows = list(draft.indicators.all())
    assert [(row.code, row.baseline, row.target) for row in rows] == [
        ("TERMINE", Decimal("0.00"), Decimal("1234.50")),
        ("QUOTE", Decimal("40.00"), Decimal("72.50")),
        ("", Decimal("3.00"), Decimal("15.00")),
    ]
    assert (rows[2].own_unit, rows[2].own_direction) == ("count", "increase")
    saved = AuditEntry.objects.for_object(draft).filter(
        action="grants.application.indicators_saved"
    )
    assert saved.count() == 2
    assert Decimal(saved.last().after["indicators"][2]["target"]) == Decimal("15")

    detail = applicant_client.get(reverse("portal:application_detail", args=[draft.pk]))
    page = detail.content.decode()
    assert "1.234,5" in page and "72,5\N{NO-BREAK SPACE}%" in page
    assert "Frauen, die allein zum Arzt gehen können" in page
    assert f'name="ind-{quote.pk}_target"' not in page


def test_a_mandatory_indicator_stays_chosen_even_when_the_post_leaves_it_out(
    applicant_client, draft, catalogue
):
    termine = catalogue["termine"]
    data = page_data(draft, **{f"ind-{termine.pk}_chosen": ""})
    assert applicant_client.post(edit_url(draft), data).status_code == 302
    assert [row.indicator for row in draft.indicators.all()] == [termine]


def test_submission_is_refused_while_a_mandatory_indicator_is_missing(draft, catalogue):
    errors = submission_errors(draft, today=timezone.localdate())
    assert errors[INDICATORS] == [
        "Der Indikator „Durchgeführte Termine“ ist in diesem Programm Pflicht."
    ]


def test_a_target_against_the_intended_direction_is_refused_at_submission(draft, catalogue):
    ApplicationIndicatorFactory(
        application=draft, indicator=catalogue["termine"], baseline="20", target="10"
    )
    errors = submission_errors(draft, today=timezone.localdate())
    assert errors[INDICATORS] == [
        "Der Zielwert von „Durchgeführte Termine“ passt nicht zur Richtung „steigern“."
    ]


def test_values_for_an_indicator_that_is_not_chosen_are_not_lost_silently(
    applicant_client, draft, catalogue
):
    quote = catalogue["quote"]
    response = applicant_client.post(
        edit_url(draft), page_data(draft, **{f"ind-{quote.pk}_target": "70"})
    )
    assert response.status_code == 400
    assert "Bitte wählen Sie den Indikator oder löschen Sie die Werte." in response.content.decode()
    assert not draft.indicators.exists()


def test_an_invalid_number_is_shown_next_to_its_field_and_described_by_the_error(
    applicant_client, draft, catalogue
):
    termine = catalogue["termine"]
    response = applicant_client.post(
        edit_url(draft), page_data(draft, **{f"ind-{termine.pk}_target": "viele"})
    )
    assert response.status_code == 400
    page = response.content.decode()
    field = f"id_ind-{termine.pk}_target"
    tag = re.search(rf'<input[^>]*id="{field}"[^>]*>', page)[0]
    assert 'aria-invalid="true"' in tag
    assert f'aria-describedby="{field}_helptext {field}_error"' in tag
    assert f'<label class="form-label" for="{field}">Zielwert' in page
    assert f'id="{field}_error"' in page
    assert page.count("<legend") >= 4  # one per catalogue entry and one per own indicator


def test_a_post_without_the_indicator_section_leaves_the_indicators_as_they_are(
    applicant_client, draft, catalogue
):
    ApplicationIndicatorFactory(application=draft, indicator=catalogue["termine"], target="12")
    data = page_data(draft)
    del data["own-TOTAL_FORMS"], data["own-INITIAL_FORMS"]
    assert applicant_client.post(edit_url(draft), data).status_code == 302
    assert [row.target for row in draft.indicators.all()] == [Decimal("12.00")]


def test_the_publication_consent_is_saved_with_the_draft_and_shown(applicant_client, draft):
    page = applicant_client.get(edit_url(draft)).content.decode()
    assert "360Giving" in page  # the help text says what would be published
    data = page_data(draft, publication_consent="on")
    assert applicant_client.post(edit_url(draft), data).status_code == 302
    draft.refresh_from_db()
    assert draft.publication_consent is True
    detail = applicant_client.get(reverse("portal:application_detail", args=[draft.pk]))
    assert "Veröffentlichung der Förderung erlaubt" in detail.content.decode()


def test_another_organisations_applicant_gets_404(client, other_applicant, draft, catalogue):
    client.force_login(other_applicant)
    assert client.get(edit_url(draft)).status_code == 404
    assert client.post(edit_url(draft), page_data(draft)).status_code == 404


def test_the_indicators_of_a_submitted_application_cannot_be_changed(
    applicant_client, applicant, draft, catalogue
):
    ApplicationIndicatorFactory(application=draft, indicator=catalogue["termine"], target="12")
    draft.status = ApplicationStatus.SUBMITTED
    draft.save()
    termine = catalogue["termine"]
    assert applicant_client.get(edit_url(draft)).status_code == 403
    data = page_data(draft, **{f"ind-{termine.pk}_target": "99"})
    assert applicant_client.post(edit_url(draft), data).status_code == 403
    with pytest.raises(NotAllowed):
        application_indicators_save(
            application=draft,
            user=applicant,
            choices=[IndicatorChoice(indicator_id=termine.pk, baseline=None, target=Decimal("1"))],
        )
    assert [row.target for row in draft.indicators.all()] == [Decimal("12.00")]


def test_an_indicator_of_another_programme_is_refused(applicant, draft, catalogue):
    foreign = IndicatorFactory()
    with pytest.raises(Exception, match="gehört nicht zum Förderprogramm"):
        application_indicators_save(
            application=draft,
            user=applicant,
            choices=[IndicatorChoice(indicator_id=foreign.pk, baseline=None, target=None)],
        )
    assert not draft.indicators.exists()


def test_saving_the_same_indicators_again_writes_no_new_audit_entry(applicant, draft, catalogue):
    choices = [
        IndicatorChoice(indicator_id=catalogue["termine"].pk, baseline=None, target=Decimal("5"))
    ]
    application_indicators_save(application=draft, user=applicant, choices=choices)
    application_indicators_save(application=draft, user=applicant, choices=choices)
    entries = AuditEntry.objects.for_object(draft).filter(
        action="grants.application.indicators_saved"
    )
    assert entries.count() == 1
    assert entries.get().label == "Indikatoren mit Ausgangs- und Zielwerten gespeichert"
