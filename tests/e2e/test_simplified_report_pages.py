"""The simplified final report in the portal as seen in Chromium, at 1366 and 390 px, in German
and Arabic: no receipts list until the report is drawn, then the list and its import."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from grants.models import CaseProcedure, ProofOfUse, Report
from grants.services.report import reports_schedule
from tests.e2e.test_bank_change_pages import blocking_violations, open_page, reachable
from tests.factories import MembershipFactory, ProgrammeFactory
from tests.grants.report_factories import FinalApplicationFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
WIDTHS = (1366, 390)
LANGUAGES = ("de", "ar")


def simplified_report(*, drawn: bool):
    """The Verwendungsnachweis of a small grant with simplified proof of use, in progress."""
    applicant = MembershipFactory(role="admin").user
    programme = ProgrammeFactory(proof_of_use=ProofOfUse.SIMPLIFIED, sample_share=Decimal("10"))
    application = FinalApplicationFactory(
        organisation=applicant.memberships.get().organisation,
        created_by=applicant,
        call__programme=programme,
        procedure=CaseProcedure.objects.create(
            programme=programme, proof_of_use=ProofOfUse.SIMPLIFIED
        ),
        project_start=timezone.localdate() - datetime.timedelta(days=300),
        project_end=timezone.localdate() - datetime.timedelta(days=30),
    )
    report = next(r for r in reports_schedule(application=application) if r.is_final)
    Report.objects.filter(pk=report.pk).update(drawn_for_full_check=drawn)
    return applicant, report


@pytest.mark.parametrize("drawn", [False, True], ids=["simplified", "drawn"])
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
def test_the_simplified_report_page_fits_and_asks_for_receipts_only_when_drawn(
    tab_for, live_server, width, language, drawn
):
    applicant, report = simplified_report(drawn=drawn)
    tab = open_page(
        tab_for,
        live_server,
        applicant,
        reverse("portal:report_edit", args=[report.pk]),
        width,
        language,
    )

    assert tab.evaluate("document.documentElement.dir") == ("rtl" if language == "ar" else "ltr")
    assert tab.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )
    assert tab.locator("#simplified-note").is_visible()
    assert tab.locator("#h-receipts").count() == (1 if drawn else 0)
    assert tab.locator("#h-import").count() == (1 if drawn else 0)
    first_cost = report.application.cost_lines.first()
    reachable(tab, f"[name='costs-amount_{first_cost.pk}']")
    reachable(tab, "button[name='save']")
    reachable(tab, "button[name='submit']")
    if drawn:
        reachable(tab, "[name='receipts-0-payee']")
    assert blocking_violations(tab) == []
