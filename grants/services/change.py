"""Änderungsantrag: the applicant asks to change the project period or the grant amount.

The Sachbearbeitung recommends or rejects it; the Bewilligung (another person) decides. An
approval changes the application's period here; the commitment (budgeting) and the
Änderungsbescheid (a new notice version) are the caller's part (workflow), in the same
transaction. Who may take the staff steps is checked by the caller, which knows the task.

Not every change needs a Änderungsantrag: shifts between cost lines of up to 20 % of a line's
planned amount that keep the total need none (`needs_change_request`).
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.permissions import is_member
from core.audit import audit_record
from core.formatting import format_date, format_euro
from core.money import ZERO, round_money
from grants.models import (
    OPEN_CHANGE_STATUSES,
    Application,
    ApplicationStatus,
    ChangeRequest,
    ChangeRequestStatus,
    Notice,
)
from grants.services.errors import NotAllowed
from grants.services.terms import terms_fix_at_change

CHANGEABLE_STATUSES = (ApplicationStatus.APPROVED, ApplicationStatus.FINAL)
# A cost line may deviate by this share of its planned amount without a change request.
SHIFT_TOLERANCE = Decimal("0.20")


def needs_change_request(planned: dict[int, Decimal], actual: dict[int, Decimal]) -> bool:
    """Whether a changed cost plan needs an Änderungsantrag (keys: cost lines).

    Yes when the total changes, or when a line deviates by more than 20 % of its planned
    amount (a line that was not planned deviates by all of its amount).
    """
    total_planned = round_money(sum(planned.values(), ZERO))
    total_actual = round_money(sum(actual.values(), ZERO))
    if total_planned != total_actual:
        return True
    for line in planned.keys() | actual.keys():
        plan = planned.get(line, ZERO)
        deviation = abs(actual.get(line, ZERO) - plan)
        if deviation > plan * SHIFT_TOLERANCE:
            return True
    return False


def lines_over_tolerance(planned: dict[int, Decimal], actual: dict[int, Decimal]) -> list[int]:
    """Cost lines spent more than 20 % above plan: allowed only with a change request
    (Nr. 1.2 ANBest-P); the report check shows them."""
    return sorted(
        line
        for line, amount in actual.items()
        if amount > planned.get(line, ZERO) * (1 + SHIFT_TOLERANCE)
    )


def change_request_refusal(application: Application) -> str | None:
    """Why no change can be requested for the application now, or None."""
    if application.status not in CHANGEABLE_STATUSES:
        return _(
            "Ein Änderungsantrag ist nur für eine bewilligte Zuwendung vor der "
            "Schlussfestsetzung möglich."
        )
    open_request = (
        ChangeRequest.objects.filter(application=application, status__in=OPEN_CHANGE_STATUSES)
        .order_by("requested_at")
        .first()
    )
    if open_request is not None:
        return _(
            "Über Ihren Änderungsantrag vom %(day)s ist noch nicht entschieden. Bitte warten "
            "Sie die Entscheidung ab, bevor Sie eine weitere Änderung beantragen."
        ) % {"day": format_date(open_request.requested_at)}
    return None


def _change_errors(
    application: Application,
    *,
    reason: str,
    new_project_start: date | None,
    new_project_end: date | None,
    new_amount: Decimal | None,
) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = defaultdict(list)
    if not reason.strip():
        errors["reason"].append(_("Bitte beschreiben Sie, was sich ändern soll, und warum."))
    period_changes = (
        new_project_start is not None and new_project_start != application.project_start
    ) or (new_project_end is not None and new_project_end != application.project_end)
    if not period_changes and new_amount is None:
        errors["__all__"].append(
            _(
                "Bitte geben Sie mindestens eine Änderung an: einen neuen Projektbeginn, ein "
                "neues Projektende oder einen neuen Betrag."
            )
        )
    call = application.call
    start = new_project_start or application.project_start
    end = new_project_end or application.project_end
    if new_project_start is not None and new_project_start < call.project_start_earliest:
        errors["new_project_start"].append(
            _("Das Projekt darf frühestens am %(day)s beginnen.")
            % {"day": format_date(call.project_start_earliest)}
        )
    if new_project_end is not None and new_project_end > call.project_end_latest:
        errors["new_project_end"].append(
            _("Das Projekt muss spätestens am %(day)s enden.")
            % {"day": format_date(call.project_end_latest)}
        )
    if start is not None and end is not None and end < start:
        field = "new_project_end" if new_project_end is not None else "new_project_start"
        errors[field].append(_("Das Projektende liegt vor dem Projektbeginn."))
    if new_amount is not None:
        maximum = call.programme.max_amount
        if new_amount <= ZERO:
            errors["new_amount"].append(_("Der neue Betrag muss größer als 0,00 € sein."))
        elif new_amount != round_money(new_amount):
            errors["new_amount"].append(_("Bitte geben Sie den Betrag in Euro und Cent an."))
        elif new_amount > maximum:
            errors["new_amount"].append(
                _("Das Programm fördert höchstens %(max)s.") % {"max": format_euro(maximum)}
            )
    return dict(errors)


@transaction.atomic
def change_request_create(
    *,
    application: Application,
    user,
    reason: str,
    new_project_start: date | None = None,
    new_project_end: date | None = None,
    new_amount: Decimal | None = None,
) -> ChangeRequest:
    """A member of the organisation asks to change an approved grant."""
    if not is_member(user, application.organisation):
        raise NotAllowed(_("Sie handeln nicht für diese Organisation."))
    # Locked: two change requests of one application are checked one after the other.
    application = (
        Application.objects.select_for_update(of=("self",))
        .select_related("call__programme")
        .get(pk=application.pk)
    )
    refusal = change_request_refusal(application)
    if refusal:
        raise ValidationError(refusal)
    errors = _change_errors(
        application,
        reason=reason,
        new_project_start=new_project_start,
        new_project_end=new_project_end,
        new_amount=new_amount,
    )
    if errors:
        raise ValidationError(errors)
    change = ChangeRequest(
        application=application,
        requested_by=user,
        reason=reason.strip(),
        new_project_start=new_project_start,
        new_project_end=new_project_end,
        new_amount=new_amount,
    )
    change.full_clean()
    change.save()
    _record(
        change,
        user,
        "requested",
        before={
            "project_start": application.project_start,
            "project_end": application.project_end,
        },
        after={
            "new_project_start": new_project_start,
            "new_project_end": new_project_end,
            "new_amount": new_amount,
            "reason": change.reason,
        },
    )
    return change


def _locked(change: ChangeRequest, status: str) -> ChangeRequest:
    change = (
        ChangeRequest.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=change.pk)
    )
    if change.status != status:
        raise NotAllowed(
            _("Der Änderungsantrag ist im Stand „%(status)s“.")
            % {"status": change.get_status_display()}
        )
    return change


def _record(change: ChangeRequest, user, action: str, *, before=None, after=None) -> None:
    """The audit entry goes to the application, so that it shows in the case history."""
    audit_record(
        actor=user,
        action=f"grants.change.{action}",
        obj=change.application,
        before={"change_request": change.pk, **(before or {})},
        after={"change_request": change.pk, "status": change.status, **(after or {})},
    )


@transaction.atomic
def change_recommend(
    *, change: ChangeRequest, user, recommend: bool, opinion: str = ""
) -> ChangeRequest:
    """Sachbearbeitung: recommend (on to the decision), or reject with the opinion as reason."""
    change = _locked(change, ChangeRequestStatus.REQUESTED)
    opinion = opinion.strip()
    if not recommend and not opinion:
        raise ValidationError(
            {"opinion": _("Bitte begründen Sie die Ablehnung; der Träger erhält die Begründung.")}
        )
    now = timezone.now()
    change.caseworker_opinion = opinion
    change.checked_by, change.checked_at = user, now
    fields = ["caseworker_opinion", "checked_by", "checked_at", "status"]
    if recommend:
        change.status = ChangeRequestStatus.RECOMMENDED
    else:
        change.status = ChangeRequestStatus.REJECTED
        change.decided_by, change.decided_at = user, now
        change.decision_reasons = opinion
        fields += ["decided_by", "decided_at", "decision_reasons"]
    change.full_clean()
    change.save(update_fields=fields)
    _record(
        change,
        user,
        "recommended" if recommend else "rejected",
        before={"status": ChangeRequestStatus.REQUESTED},
        after={"opinion": opinion},
    )
    return change


@transaction.atomic
def change_decide(
    *, change: ChangeRequest, user, approve: bool, reasons: str = ""
) -> ChangeRequest:
    """Bewilligung: approve (the new period applies at once) or reject with reasons.

    The person who checked the request does not decide on it (four eyes).
    """
    change = _locked(change, ChangeRequestStatus.RECOMMENDED)
    if user.pk == change.checked_by_id:
        raise NotAllowed(
            _("Sie haben diesen Änderungsantrag geprüft und dürfen nicht über ihn entscheiden.")
        )
    reasons = reasons.strip()
    if not approve and not reasons:
        raise ValidationError({"reasons": _("Bitte begründen Sie die Ablehnung.")})
    application = Application.objects.select_for_update(of=("self",)).get(pk=change.application_id)
    if approve and application.status not in CHANGEABLE_STATUSES:
        raise NotAllowed(
            _("Im Stand „%(status)s“ kann keine Änderung mehr bewilligt werden.")
            % {"status": application.get_status_display()}
        )
    change.status = ChangeRequestStatus.APPROVED if approve else ChangeRequestStatus.REJECTED
    change.decided_by, change.decided_at = user, timezone.now()
    change.decision_reasons = reasons
    change.full_clean()
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_reasons"])
    before = {"status": ChangeRequestStatus.RECOMMENDED}
    after = {"reasons": reasons}
    if approve:
        before |= {
            "project_start": application.project_start,
            "project_end": application.project_end,
        }
        application.project_start = change.new_project_start or application.project_start
        application.project_end = change.new_project_end or application.project_end
        application.save(update_fields=["project_start", "project_end", "updated_at"])
        after |= {
            "project_start": application.project_start,
            "project_end": application.project_end,
            "new_amount": change.new_amount,
        }
    change.application = application
    _record(change, user, "approved" if approve else "rejected", before=before, after=after)
    return change


@transaction.atomic
def change_notice_record(*, change: ChangeRequest, notice: Notice) -> ChangeRequest:
    """Note the version of the Änderungsbescheid that put the approved change into effect;
    the notice's version of the terms is the one before with the new amount."""
    change = _locked(change, ChangeRequestStatus.APPROVED)
    if notice.application_id != change.application_id:
        raise ValueError("Der Bescheid gehört zu einem anderen Antrag.")
    change.version_issued = notice.version
    change.save(update_fields=["version_issued"])
    terms_fix_at_change(
        change=change,
        version=notice.version,
        approved_amount=change.new_amount,
        user=notice.issued_by,
    )
    audit_record(
        actor=notice.issued_by,
        action="grants.change.notice_issued",
        obj=change.application,
        after={"change_request": change.pk, "notice": notice.pk, "version": notice.version},
    )
    return change
