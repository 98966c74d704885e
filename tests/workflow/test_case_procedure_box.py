"""The case page shows the procedure the case runs under (its frozen copy), not the programme's
current settings, and reads it without a query of its own."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from grants.models import DecisionMode, ProofOfUse, ReviewMode
from tests.factories import ApplicationFactory
from tests.workflow.helpers import case_url
from workflow.application.case import case_submit

pytestmark = pytest.mark.django_db


def submitted_case(organisation, applicant, call):
    application = ApplicationFactory(organisation=organisation, created_by=applicant, call=call)
    case_submit(application=application, user=applicant)
    return application


def box_of(client, application) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(case_url(application))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="case-procedure"')
    return html[start : html.index("</div>", start)], [query["sql"] for query in captured]


def test_the_case_page_shows_the_procedure_fixed_at_submission(
    client, staff, organisation, applicant, call, programme
):
    application = submitted_case(organisation, applicant, call)
    programme.review_mode = ReviewMode.PANEL
    programme.spread_threshold = Decimal("1.50")
    programme.decision_mode = DecisionMode.LIGHT
    programme.light_limit = Decimal("5000.00")
    programme.proof_of_use = ProofOfUse.SIMPLIFIED
    programme.full_clean()
    programme.save()
    client.force_login(staff["caseworker"])

    box, queries = box_of(client, application)

    assert "Verfahren" in box
    assert "keine Projektidee" in box
    assert "eine Gutachterin oder ein Gutachter" in box
    assert "Bewilligung" in box and "Betragsgrenze" not in box
    assert "Verwendungsnachweis mit Belegliste" in box
    assert "Jury" not in box and "Stichprobe" not in box
    assert not any('FROM "grants_caseprocedure"' in sql for sql in queries)


def test_a_later_case_shows_the_jury_the_limit_and_the_sample(
    client, staff, organisation, applicant, call, programme
):
    programme.review_mode = ReviewMode.PANEL
    programme.panel_size = 3
    programme.spread_threshold = Decimal("1.50")
    programme.decision_mode = DecisionMode.LIGHT
    programme.light_limit = Decimal("5000.00")
    programme.proof_of_use = ProofOfUse.SIMPLIFIED
    programme.full_clean()
    programme.save()
    application = submitted_case(organisation, applicant, call)
    client.force_login(staff["caseworker"])

    box, _queries = box_of(client, application)

    assert "Jury aus mehreren Gutachtenden" in box and "3 Gutachtende" in box
    assert "1,50 Punkten" in box
    assert "vereinfachtes Verfahren" in box and "Betragsgrenze: 5.000,00" in box
    assert "einfacher Verwendungsnachweis mit Stichprobe" in box and "10 %" in box
