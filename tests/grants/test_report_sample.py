"""The sample draw of simplified final reports: reproducible, at least the share, once per
report, never for a full report; the simplified report in the portal has no Belegliste."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse
from django.utils import timezone, translation

from core.models import AuditEntry
from grants.models import (
    CaseProcedure,
    ProofOfUse,
    Report,
    ReportKind,
    ReportSample,
    ReportStatus,
)
from grants.reports.rules import RECEIPTS, report_submission_errors
from grants.sampling import (
    block_size,
    drawn_count,
    drawn_positions,
    drawn_request,
    sample_draw_of,
)
from grants.services.errors import NotAllowed
from grants.services.report import reports_schedule
from grants.services.report_sample import report_sample_draw
from tests.factories import ProgrammeFactory, UserFactory
from tests.grants.report_factories import FinalApplicationFactory, ReportFactory, fill_report

SAMPLE_ACTION = "grants.report.sample_drawn"


def simplified_programme(share="10"):
    return ProgrammeFactory(proof_of_use=ProofOfUse.SIMPLIFIED, sample_share=Decimal(share))


def case_procedure(programme, **options) -> CaseProcedure:
    """The procedure the case runs under: the programme's proof of use and share, frozen."""
    options = {
        "proof_of_use": programme.proof_of_use,
        "sample_share": programme.sample_share,
        **options,
    }
    return CaseProcedure.objects.create(programme=programme, **options)


def submitted_report(programme, *, simplified=True, **procedure_options) -> Report:
    """A final report of the programme, filled and submitted, waiting for its check."""
    application = FinalApplicationFactory(
        call__programme=programme,
        procedure=case_procedure(programme, **procedure_options),
        project_start=timezone.localdate() - datetime.timedelta(days=300),
        project_end=timezone.localdate() - datetime.timedelta(days=30),
    )
    report = ReportFactory(
        application=application,
        simplified=simplified,
        status=ReportStatus.SUBMITTED,
    )
    fill_report(report)
    if simplified:
        report.receipts.all().delete()
    return report


def test_block_of_share_10_holds_10_reports_and_draws_1():
    assert block_size(Decimal("10")) == 10
    assert drawn_count(10, Decimal("10")) == 1


def test_block_of_share_15_holds_6_reports_and_draws_1():
    # 1 of 6 is 16.7 %: at least the share.
    assert block_size(Decimal("15")) == 6
    assert drawn_count(6, Decimal("15")) == 1


@pytest.mark.parametrize(
    ("share", "size"), [("100", 1), ("60", 1), ("33.33", 3), ("2.5", 40), ("0.01", 10000)]
)
def test_block_size_is_100_over_the_share_and_at_least_1(share, size):
    assert block_size(Decimal(share)) == size
    assert Decimal(drawn_count(size, Decimal(share))) / size * 100 >= Decimal(share)


def test_more_than_one_position_is_drawn_when_the_share_asks_for_it():
    positions = drawn_positions("abc", 10, Decimal("25"))
    assert len(positions) == 3 and positions <= set(range(1, 11))


def test_the_same_seed_draws_the_same_positions():
    seed = "3f1c0a9e5b7d4c2a8e6f1b0d9c7a5e3f"
    first = drawn_positions(seed, 10, Decimal("10"))
    assert all(drawn_positions(seed, 10, Decimal("10")) == first for _ in range(20))
    assert first <= set(range(1, 11)) and len(first) == 1


def test_different_seeds_draw_different_positions():
    draws = {frozenset(drawn_positions(f"seed-{n}", 10, Decimal("10"))) for n in range(50)}
    assert len(draws) > 1


@pytest.mark.django_db
def test_the_final_report_of_a_simplified_case_is_created_simplified():
    programme = simplified_programme()
    application = FinalApplicationFactory(
        call__programme=programme, procedure=case_procedure(programme)
    )
    reports = reports_schedule(application=application)
    final = next(r for r in reports if r.kind == ReportKind.FINAL)
    assert final.simplified is True
    entry = AuditEntry.objects.get(action="grants.report.created", object_id=str(final.pk))
    assert entry.after["simplified"] is True


@pytest.mark.django_db
def test_a_case_keeps_the_full_proof_of_use_when_the_programme_changes_to_simplified():
    programme = ProgrammeFactory(requires_interim_report=True)
    application = FinalApplicationFactory(
        call__programme=programme,
        procedure=case_procedure(programme),
        project_start=datetime.date(2026, 6, 1),
        project_end=datetime.date(2027, 5, 31),
    )
    programme.proof_of_use = ProofOfUse.SIMPLIFIED
    programme.save()
    reports = reports_schedule(application=application)
    assert [(r.kind, r.simplified) for r in reports] == [
        (ReportKind.INTERIM, False),
        (ReportKind.FINAL, False),
    ]


@pytest.mark.django_db
def test_the_draw_is_recorded_and_can_be_recomputed_from_the_audit_entry():
    programme = simplified_programme("10")
    user = UserFactory()
    reports = [submitted_report(programme) for _ in range(3)]
    results = [report_sample_draw(report=report, user=user) for report in reports]
    for report, drawn in zip(reports, results, strict=True):
        report.refresh_from_db()
        entry = AuditEntry.objects.get(action=SAMPLE_ACTION, object_id=str(report.pk))
        after = entry.after
        assert entry.actor == user
        sample = ReportSample.objects.get(programme=programme, number=after["block"])
        assert (after["seed"], after["size"]) == (sample.seed, sample.size)
        assert len(after["seed"]) == 32
        assert report.sample == sample and report.sample_position == after["position"]
        recomputed = drawn_positions(after["seed"], after["size"], Decimal(after["share"]))
        assert sorted(recomputed) == after["drawn_positions"]
        assert (after["position"] in recomputed) is after["drawn"] is drawn
        assert report.drawn_for_full_check is drawn
    assert [r.sample_position for r in reports] == [1, 2, 3]


@pytest.mark.django_db
@pytest.mark.parametrize("share", ["10", "15"])
def test_every_full_block_has_at_least_the_share_drawn(share):
    programme = simplified_programme(share)
    user = UserFactory()
    size = block_size(Decimal(share))
    reports = [submitted_report(programme) for _ in range(3 * size)]
    drawn = [report_sample_draw(report=report, user=user) for report in reports]

    samples = list(ReportSample.objects.filter(programme=programme).order_by("number"))
    assert [(s.number, s.size) for s in samples] == [(1, size), (2, size), (3, size)]
    assert len({s.seed for s in samples}) == 3
    for number, sample in enumerate(samples):
        block = drawn[number * size : (number + 1) * size]
        assert Decimal(sum(block)) / size * 100 >= Decimal(share)
        positions = sorted(sample.reports.values_list("sample_position", flat=True))
        assert positions == list(range(1, size + 1))
        expected = drawn_positions(sample.seed, size, Decimal(share))
        assert set(
            sample.reports.filter(drawn_for_full_check=True).values_list(
                "sample_position", flat=True
            )
        ) == set(expected)


@pytest.mark.django_db
def test_a_full_report_is_never_drawn():
    programme = ProgrammeFactory()
    report = submitted_report(programme, simplified=False)
    assert report_sample_draw(report=report, user=UserFactory()) is False
    report.refresh_from_db()
    assert (report.sample, report.sample_position, report.drawn_for_full_check) == (
        None,
        None,
        False,
    )
    assert not ReportSample.objects.exists()
    assert not AuditEntry.objects.filter(action=SAMPLE_ACTION).exists()


@pytest.mark.django_db
def test_a_report_takes_part_in_the_draw_only_once():
    programme = simplified_programme("100")  # every report is drawn
    user = UserFactory()
    report = submitted_report(programme)
    assert report_sample_draw(report=report, user=user) is True
    assert report_sample_draw(report=report, user=user) is False
    assert ReportSample.objects.count() == 1
    assert AuditEntry.objects.filter(action=SAMPLE_ACTION).count() == 1


@pytest.mark.django_db
def test_a_report_not_waiting_for_its_check_cannot_be_drawn():
    report = submitted_report(simplified_programme())
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.DRAFT)
    with pytest.raises(NotAllowed, match="nicht möglich"):
        report_sample_draw(report=report, user=UserFactory())
    assert not ReportSample.objects.exists()


@pytest.mark.django_db
def test_a_new_block_starts_when_the_share_of_the_cases_changes():
    programme = simplified_programme("10")
    user = UserFactory()
    report_sample_draw(report=submitted_report(programme), user=user)
    later = submitted_report(programme, sample_share=Decimal("25"))
    report_sample_draw(report=later, user=user)
    later.refresh_from_db()
    assert [(s.number, s.size) for s in ReportSample.objects.order_by("number")] == [
        (1, 10),
        (2, 4),
    ]
    assert (later.sample.number, later.sample_position) == (2, 1)


@pytest.mark.django_db
def test_a_simplified_report_is_submitted_without_receipts_until_it_is_drawn():
    report = submitted_report(simplified_programme())
    assert RECEIPTS not in report_submission_errors(report)
    report.drawn_for_full_check = True
    assert report_submission_errors(report)[RECEIPTS] == [
        "Bitte führen Sie Ihre Belege in der Belegliste auf."
    ]


@pytest.mark.django_db
def test_a_full_final_report_still_needs_its_receipts():
    report = submitted_report(ProgrammeFactory(), simplified=False)
    report.receipts.all().delete()
    assert RECEIPTS in report_submission_errors(report)


# The portal: a simplified report asks for the Sachbericht and the totals, not for receipts.


@pytest.fixture
def simplified_report(organisation, applicant):
    programme = simplified_programme()
    application = FinalApplicationFactory(
        organisation=organisation,
        created_by=applicant,
        call__programme=programme,
        procedure=case_procedure(programme),
        project_start=timezone.localdate() - datetime.timedelta(days=300),
        project_end=timezone.localdate() - datetime.timedelta(days=30),
    )
    return next(r for r in reports_schedule(application=application) if r.is_final)


def actuals_data(report) -> dict:
    application = report.application
    fees, material = application.cost_lines.all()
    own, foundation = application.financing_lines.all()
    return {
        "work_done": "40 Termine Sprachcafé.",
        "what_worked": "Die Gruppe blieb zusammen.",
        "what_did_not": "Im Sommer kamen weniger.",
        f"costs-amount_{fees.pk}": "9.000,00",
        f"costs-amount_{material.pk}": "1.000,00",
        f"income-amount_{own.pk}": "1.000,00",
        f"income-amount_{foundation.pk}": "1.000,00",
        "save": "",
    }


@pytest.mark.django_db
def test_the_simplified_report_page_asks_for_totals_and_no_receipts(
    applicant_client, simplified_report
):
    edit_url = reverse("portal:report_edit", args=[simplified_report.pk])
    html = applicant_client.get(edit_url).content.decode()
    assert "Einfacher Verwendungsnachweis" in html
    assert "Eine Belegliste ist nicht nötig." in html
    assert 'name="receipts-TOTAL_FORMS"' not in html
    assert reverse("portal:report_receipts_import", args=[simplified_report.pk]) not in html
    assert f'name="costs-amount_{simplified_report.application.cost_lines.first().pk}"' in html

    response = applicant_client.post(edit_url, actuals_data(simplified_report))
    assert response.status_code == 302, response.content.decode()
    assert simplified_report.cost_actuals.count() == 2

    detail = reverse("portal:report_detail", args=[simplified_report.pk])
    html = applicant_client.get(detail).content.decode()
    assert "Alles ist vollständig." in html
    assert 'id="h-receipts"' not in html


@pytest.mark.django_db
def test_a_simplified_report_refuses_an_imported_receipts_list(applicant_client, simplified_report):
    day = simplified_report.application.project_start.strftime("%d.%m.%Y")
    upload = SimpleUploadedFile(
        "belege.csv",
        f"Datum;Zahlungsempfänger;Zweck;Betrag\n{day};Musikschule;Kurs;10,00\n".encode(),
        content_type="text/csv",
    )
    response = applicant_client.post(
        reverse("portal:report_receipts_import", args=[simplified_report.pk]), {"file": upload}
    )
    assert response.status_code == 403
    assert "keine Belegliste" in response.content.decode()
    assert not simplified_report.receipts.exists()


@pytest.mark.django_db
def test_a_drawn_report_shows_the_receipts_list_again(applicant_client, simplified_report):
    Report.objects.filter(pk=simplified_report.pk).update(drawn_for_full_check=True)
    html = applicant_client.get(
        reverse("portal:report_edit", args=[simplified_report.pk])
    ).content.decode()
    assert "in der Stichprobe für die vollständige Prüfung gezogen" in html
    assert 'name="receipts-TOTAL_FORMS"' in html
    assert reverse("portal:report_receipts_import", args=[simplified_report.pk]) in html


# Two acceptances at the same moment (PostgreSQL only: SQLite has no row locks).

THREADS = 12


# No available_apps here: behind the browser tests (pytest-django runs the transactional tests
# last) its restore of the serialized state met content types under other keys and failed.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="Zeilensperren gibt es nur auf PostgreSQL."
)
def test_concurrent_draws_never_give_two_reports_the_same_place():
    programme = simplified_programme("20")  # blocks of 5: the draws fill more than two
    user = UserFactory()
    reports = [submitted_report(programme) for _ in range(THREADS)]
    barrier = threading.Barrier(THREADS, timeout=30)
    errors: list[str] = []
    lock = threading.Lock()

    def draw(report):
        try:
            barrier.wait()
            report_sample_draw(report=report, user=user)
        except Exception as error:  # reported by the assertion, not lost in the thread
            with lock:
                errors.append(repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=draw, args=(r,)) for r in reports]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    places = list(
        Report.objects.filter(pk__in=[r.pk for r in reports]).values_list(
            "sample__number", "sample_position"
        )
    )
    assert len(set(places)) == THREADS
    assert sorted(places) == [(1 + n // 5, 1 + n % 5) for n in range(THREADS)]
    assert list(ReportSample.objects.order_by("number").values_list("number", "size")) == [
        (1, 5),
        (2, 5),
        (3, 5),
    ]


@pytest.mark.django_db
def test_the_recorded_draw_of_a_report_is_recomputed_from_its_block():
    report = submitted_report(simplified_programme("25"))
    assert sample_draw_of(report) is None
    drawn = report_sample_draw(report=report, user=UserFactory())
    report.refresh_from_db()
    draw = sample_draw_of(report)
    entry = AuditEntry.objects.get(action=SAMPLE_ACTION, object_id=str(report.pk))
    assert (draw.block, draw.size, draw.seed, draw.position) == (
        entry.after["block"],
        entry.after["size"],
        entry.after["seed"],
        entry.after["position"],
    )
    assert list(draw.positions) == entry.after["drawn_positions"]
    assert draw.drawn is drawn is report.drawn_for_full_check
    assert (draw.share, draw.size, len(draw.positions)) == (Decimal("25"), 4, 1)


def test_the_request_for_receipts_is_german_and_keeps_the_checkers_note():
    with translation.override("en"):
        text = drawn_request("  Danke für den Bericht.  ")
    assert text.startswith("Ihr einfacher Verwendungsnachweis ist in der Stichprobe")
    assert text.endswith("entsprechen.\n\nDanke für den Bericht.")
    assert drawn_request(" ").endswith("tatsächlichen Kosten entsprechen.")
