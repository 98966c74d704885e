"""The applicant's report through HTTP: open, enter actuals and receipts, save, import, read."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from grants.models import ReportStatus
from grants.services.report import reports_schedule
from tests.factories import PDF_BYTES
from tests.grants.report_factories import FinalApplicationFactory, ReportFactory, fill_report

pytestmark = pytest.mark.django_db
EURO = "\N{NO-BREAK SPACE}€"
# URL name -> the methods it answers
REPORT_URLS = {
    "portal:report_detail": ("get",),
    "portal:report_edit": ("get", "post"),
    "portal:report_receipts_import": ("post",),
}


@pytest.fixture
def report(organisation, applicant):
    # A project that has ended: its receipts are dated in the past.
    application = FinalApplicationFactory(
        organisation=organisation,
        created_by=applicant,
        project_start=timezone.localdate() - datetime.timedelta(days=300),
        project_end=timezone.localdate() - datetime.timedelta(days=30),
    )
    [report] = reports_schedule(application=application)
    return report


def form_data(report, **overrides):
    """The edit form as a person fills it in: Sachbericht, actuals, two receipts."""
    application = report.application
    fees, material = application.cost_lines.all()
    own, foundation = application.financing_lines.all()
    day = application.project_start.strftime("%d.%m.%Y")
    data = {
        "work_done": "40 Termine Sprachcafé.",
        "what_worked": "Die Gruppe blieb zusammen.",
        "what_did_not": "Im Sommer kamen weniger.",
        f"costs-amount_{fees.pk}": "9.000,00",
        f"costs-amount_{material.pk}": "750,50",
        f"costs-comment_{material.pk}": "Material war günstiger.",
        f"income-amount_{own.pk}": "1.000,00",
        f"income-amount_{foundation.pk}": "0,00",
        f"income-comment_{foundation.pk}": "Die Stiftung hat abgesagt.",
        "receipts-TOTAL_FORMS": "3",
        "receipts-INITIAL_FORMS": "0",
        "receipts-0-date": day,
        "receipts-0-payee": "Musikschule Wuppertal",
        "receipts-0-purpose": "Kursleitung",
        "receipts-0-amount": "9.000,00",
        "receipts-0-cost_line": str(fees.pk),
        "receipts-1-number": "",
        "receipts-1-date": application.project_start.isoformat(),
        "receipts-1-payee": "Copyshop Elberfeld",
        "receipts-1-purpose": "Flyer",
        "receipts-1-amount": "750,50",
        "receipts-2-date": "",
        "receipts-2-payee": "",
        "receipts-2-purpose": "",
        "receipts-2-amount": "",
        "receipts-2-cost_line": "",
        "save": "",
    }
    data.update(overrides)
    return data


def good_csv(report) -> SimpleUploadedFile:
    day = report.application.project_start.strftime("%d.%m.%Y")
    text = (
        "Datum;Zahlungsempfänger;Zweck;Betrag\n"
        f"{day};Musikschule Wuppertal;Kursleitung Januar;4.500,00\n"
        f"{day};Musikschule Wuppertal;Kursleitung Februar;4.500,00\n"
        f"{day};Copyshop Elberfeld;Flyer;750,50\n"
    )
    return SimpleUploadedFile("belege.csv", text.encode("utf-8"), content_type="text/csv")


def test_a_member_fills_in_the_final_report_imports_receipts_and_sees_the_totals(
    applicant_client, report
):
    application = report.application
    # The application page lists the report owed, with its due date and state.
    page = applicant_client.get(reverse("portal:application_detail", args=[application.pk]))
    html = page.content.decode()
    assert "Nachweise" in html and "Verwendungsnachweis" in html
    assert reverse("portal:report_detail", args=[report.pk]) in html
    assert report.due_on.strftime("%d.%m.%Y") in html
    assert "In Bearbeitung – noch nicht eingereicht" in html

    edit_url = reverse("portal:report_edit", args=[report.pk])
    page = applicant_client.get(edit_url)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Verwendungsnachweis bearbeiten" in html
    assert 'name="receipts-1-date"' in html  # two blank rows to start with

    # Enter the Sachbericht, the actuals and two receipts, and save.
    response = applicant_client.post(edit_url, form_data(report))
    assert response.status_code == 302, response.content.decode()
    assert response.url == edit_url
    report.refresh_from_db()
    assert report.work_done == "40 Termine Sprachcafé."
    assert sorted(a.amount for a in report.cost_actuals.all()) == [750.50, 9000]
    assert [(r.number, r.payee) for r in report.receipts.all()] == [
        (1, "Musikschule Wuppertal"),
        (2, "Copyshop Elberfeld"),
    ]
    page = applicant_client.get(edit_url).content.decode()
    assert "Der Nachweis ist gespeichert." in page
    assert 'value="Material war günstiger."' in page

    # Import the Belegliste from a CSV file: it replaces the list.
    response = applicant_client.post(
        reverse("portal:report_receipts_import", args=[report.pk]), {"file": good_csv(report)}
    )
    assert response.status_code == 302
    assert [r.purpose for r in report.receipts.all()] == [
        "Kursleitung Januar",
        "Kursleitung Februar",
        "Flyer",
    ]
    assert "3 Belege sind eingelesen." in applicant_client.get(edit_url).content.decode()

    # The report page shows planned against actual, the receipts and their totals.
    html = applicant_client.get(reverse("portal:report_detail", args=[report.pk])).content.decode()
    assert f"9.750,50{EURO}" in html  # actual costs and the sum of the receipts
    assert f"10.000,00{EURO}" in html  # planned costs
    assert f"-1.000,00{EURO}" in html  # the foundation did not pay
    assert "Die Stiftung hat abgesagt." in html
    assert "Kursleitung Februar" in html
    assert "Alles ist vollständig. Sie können den Nachweis einreichen." in html


def test_wrong_input_comes_back_next_to_its_field_and_nothing_is_saved(applicant_client, report):
    fees = report.application.cost_lines.first()
    data = form_data(report, **{f"costs-amount_{fees.pk}": "viel", "receipts-1-amount": "0"})
    response = applicant_client.post(reverse("portal:report_edit", args=[report.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert f'id="id_costs-amount_{fees.pk}_error"' in html
    assert f'aria-describedby="id_costs-amount_{fees.pk}_error"' in html
    assert 'id="id_receipts-1-amount_error"' in html
    assert not report.cost_actuals.exists() and not report.receipts.exists()


def test_a_receipt_number_used_twice_is_refused(applicant_client, report):
    data = form_data(report, **{"receipts-0-number": "4", "receipts-1-number": "4"})
    response = applicant_client.post(reverse("portal:report_edit", args=[report.pk]), data)
    assert response.status_code == 400
    assert "Diese Belegnummern kommen mehrfach vor: 4." in response.content.decode()


def test_a_bad_file_lists_every_row_error_and_keeps_the_old_list(applicant_client, report):
    fill_report(report, receipts=2)
    import_url = reverse("portal:report_receipts_import", args=[report.pk])
    text = "Datum;Zahlungsempfänger;Zweck;Betrag\n01.03.2026;A;B;abc\n;B;C;5,00\n"
    bad = SimpleUploadedFile("belege.csv", text.encode("utf-8"))
    response = applicant_client.post(import_url, {"file": bad})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Zeile 2: Betrag „abc“ ist keine Zahl." in html
    assert "Zeile 3: Datum fehlt." in html
    assert "die bisherige Belegliste bleibt unverändert" in html
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert report.receipts.count() == 2

    pdf = SimpleUploadedFile("belege.csv", PDF_BYTES, content_type="text/csv")
    response = applicant_client.post(import_url, {"file": pdf})
    assert response.status_code == 400
    assert "als Excel-Datei (XLSX) oder als CSV-Datei" in response.content.decode()
    assert report.receipts.count() == 2


def test_the_import_answers_only_post(applicant_client, report):
    import_url = reverse("portal:report_receipts_import", args=[report.pk])
    assert applicant_client.get(import_url).status_code == 405


def test_a_submitted_report_can_be_read_but_not_changed(applicant_client, report):
    fill_report(report)
    report.status = ReportStatus.SUBMITTED
    report.save()
    detail = applicant_client.get(reverse("portal:report_detail", args=[report.pk]))
    assert "Eingereicht – die Stadt prüft den Nachweis" in detail.content.decode()
    assert applicant_client.get(reverse("portal:report_edit", args=[report.pk])).status_code == 403
    response = applicant_client.post(
        reverse("portal:report_receipts_import", args=[report.pk]), {"file": good_csv(report)}
    )
    assert response.status_code == 403
    assert report.receipts.count() == 2


def test_a_member_of_another_organisation_gets_404_for_every_report_url(
    applicant_client, other_applicant
):
    organisation = other_applicant.memberships.get().organisation
    foreign = ReportFactory(application__organisation=organisation)
    for name, methods in REPORT_URLS.items():
        url = reverse(name, args=[foreign.pk])
        for method in methods:
            response = getattr(applicant_client, method)(url, {"work_done": "Übernommen"})
            assert response.status_code == 404, (name, method)
    foreign.refresh_from_db()
    assert foreign.work_done == ""


def test_a_logged_out_visitor_is_sent_to_the_login(client):
    report = ReportFactory()
    for name in REPORT_URLS:
        url = reverse(name, args=[report.pk])
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302, name
            assert response.url.startswith(reverse("login") + "?next="), name


def test_the_submit_button_appears_only_once_the_workflow_offers_submission(
    applicant_client, report
):
    html = applicant_client.get(reverse("portal:report_edit", args=[report.pk])).content.decode()
    try:
        submit_url = reverse("portal:report_submit", args=[report.pk])
    except NoReverseMatch:
        assert 'name="submit"' not in html
    else:
        assert f'formaction="{submit_url}"' in html


def test_a_list_too_long_for_the_form_is_shown_read_only_and_kept_when_saving(
    applicant_client, report, settings
):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 230  # room for the page and two receipt rows
    fill_report(report, receipts=3)
    edit_url = reverse("portal:report_edit", args=[report.pk])
    html = applicant_client.get(edit_url).content.decode()
    assert "Die Belegliste ist zu lang, um sie hier zu bearbeiten." in html
    assert 'name="receipts-0-date"' not in html and "Kursleitung Termin 3" in html
    data = {k: v for k, v in form_data(report).items() if not k.startswith("receipts-")}
    response = applicant_client.post(edit_url, data | {"work_done": "Neu geschrieben."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.work_done == "Neu geschrieben." and report.receipts.count() == 3
