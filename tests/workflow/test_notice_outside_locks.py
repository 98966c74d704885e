"""The notice PDF is laid out before the budget lines are locked (STYLE.md habit 15): the
lines are held for the booking only, so concurrent approvals never wait for a layout."""

from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType

from budgeting.errors import InsufficientFunds
from budgeting.services import adjust, ledger
from grants.models import ChangeRequest, Notice
from grants.services import notice as notice_service
from grants.services.finality import waiver_declare
from tests.workflow.grants import approved_grant
from workflow.application import services as tasks
from workflow.application.case import case_submit
from workflow.application.flow import ApplicationFlow as FLOW
from workflow.change import services as change_services
from workflow.change.case import change_submit
from workflow.change.flow import ChangeFlow as CHANGE
from workflow.models import ChangeProcess
from workflow.task_services import task_complete_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def events():
    """What happened, in order: "render" for a notice layout, "lock" for budget line locks."""
    happened: list[str] = []
    render = notice_service.render_notice_pdf
    lock_lines = ledger.lock_lines

    def rendering(**kwargs):
        happened.append("render")
        return render(**kwargs)

    def locking(pks):
        happened.append("lock")
        return lock_lines(pks)

    with (
        mock.patch.object(notice_service, "render_notice_pdf", rendering),
        mock.patch.object(ledger, "lock_lines", locking),
        mock.patch.object(adjust, "lock_lines", locking),
    ):
        yield happened


def test_the_approval_notice_is_rendered_before_the_budget_lines_are_locked(
    events, draft, applicant, staff, budget_line
):
    application = approved_grant(draft, applicant, staff, [(budget_line, "8000.00")])

    decision_events = events[events.index("render") :]
    assert decision_events == ["render", "lock"]
    notice = Notice.objects.get(application=application)
    assert notice.version == 1 and notice.file.size > 0


def test_the_aenderungsbescheid_is_rendered_before_the_commitment_is_adjusted(
    events, draft, applicant, staff, budget_line
):
    grant = waiver_declare(
        application=approved_grant(draft, applicant, staff, [(budget_line, "8000.00")]),
        user=applicant,
    )
    change = change_submit(
        application=grant,
        user=applicant,
        reason="Eine zweite Kursleitung.",
        new_amount=Decimal("7000.00"),
    )
    events.clear()
    task_complete_as(
        node=CHANGE.check,
        user=staff["caseworker"],
        service=change_services.task_change_check,
        process=_process(change),
        recommend=True,
        opinion="Nachvollziehbar.",
    )
    task_complete_as(
        node=CHANGE.decide,
        user=staff["approver"],
        service=change_services.task_change_decide,
        process=_process(change),
        approve=True,
        reasons="",
    )

    assert events == ["render", "lock"]
    assert Notice.objects.filter(application=grant).count() == 2


def _process(change):
    return ChangeProcess.objects.get(
        artifact_content_type=ContentType.objects.get_for_model(ChangeRequest),
        artifact_object_id=change.pk,
    )


def test_an_approval_refused_for_want_of_funds_leaves_no_notice_and_no_file(
    draft, applicant, staff, budget_line, settings
):
    case_submit(application=draft, user=applicant)
    for node, user, service, data in awaiting_steps(draft, staff, budget_line):
        task_complete_as(application=draft, node=node, user=user, service=service, **data)
    budget_line.appropriation = Decimal("100.00")  # bound elsewhere meanwhile
    budget_line.save()

    with pytest.raises(InsufficientFunds):
        task_complete_as(
            application=draft,
            node=FLOW.decision,
            user=staff["approver"],
            service=tasks.task_decide,
            outcome="approved",
            approved_amount=None,
            reasons="",
        )

    assert not Notice.objects.exists()
    notices = Path(settings.MEDIA_ROOT) / "notices"
    assert not notices.exists() or not any(notices.rglob("*.pdf"))


def awaiting_steps(application, staff, line):
    """Formal check, review and budget check of a submitted application (8,000.00 € on line)."""
    return [
        (FLOW.formal_check, staff["caseworker"], tasks.task_formal_check, {"complete": True}),
        (
            FLOW.review,
            staff["reviewer"],
            tasks.task_review,
            {
                "scores": {c.pk: 4 for c in application.call.programme.criteria.all()},
                "assessment": "Überzeugend.",
                "recommendation": "approve",
                "recommended_amount": None,
                "no_conflict_of_interest": True,
            },
        ),
        (
            FLOW.budget_check,
            staff["finance"],
            tasks.task_budget_check,
            {"allocations": [(line, Decimal("8000.00"))]},
        ),
    ]
