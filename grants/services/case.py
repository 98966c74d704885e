"""The steps of a submitted application: formal check, review, decision, withdrawal.

Who may take a step is checked by the caller (workflow), which knows the task; these
services guard the application's status and the rules of each step.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.permissions import is_member
from core.audit import audit_record
from core.formatting import format_euro
from core.money import ZERO
from grants.models import (
    Application,
    ApplicationStatus,
    Decision,
    DecisionOutcome,
    FormalCheck,
    FormalCheckResult,
    Review,
    ReviewScore,
)
from grants.scoring import vote_check
from grants.services.errors import NotAllowed
from grants.services.terms import Exclusion, decision_terms_check, terms_fix_at_decision


def _locked(application: Application, *expected: str) -> Application:
    """The application row, locked; refuses when it is not in one of the expected states."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status not in expected:
        raise NotAllowed(
            _("Dieser Schritt ist im Stand „%(status)s“ nicht möglich.")
            % {"status": application.get_status_display()}
        )
    return application


def _set_status(application, status, *, user, action, after=None):
    before = {"status": application.status}
    application.status = status
    application.save(update_fields=["status", "updated_at"])
    audit_record(
        actor=user,
        action=action,
        obj=application,
        before=before,
        after={"status": status, **(after or {})},
    )


@transaction.atomic
def formal_check_record(
    *, application: Application, user, complete: bool, message: str = ""
) -> FormalCheck:
    """Record a round of the formal check: complete, or a request for revision."""
    application = _locked(application, ApplicationStatus.SUBMITTED)
    if not complete and not message.strip():
        raise ValidationError({"message": _("Bitte schreiben Sie dem Antragsteller, was fehlt.")})
    check = FormalCheck(
        application=application,
        round=application.formal_checks.count() + 1,
        result=FormalCheckResult.COMPLETE if complete else FormalCheckResult.REVISION,
        message=message.strip(),
        checked_by=user,
    )
    check.full_clean()
    check.save()
    status = ApplicationStatus.IN_REVIEW if complete else ApplicationStatus.REVISION_REQUESTED
    _set_status(
        application,
        status,
        user=user,
        action=f"grants.formal_check.{check.result}",
        after={"round": check.round, "message": check.message},
    )
    return check


def formal_check_answered(*, application: Application) -> None:
    """Mark the open request for revision as answered (the applicant resubmitted)."""
    application.formal_checks.filter(
        result=FormalCheckResult.REVISION, answered_at__isnull=True
    ).update(answered_at=timezone.now())


@transaction.atomic
def review_record(
    *,
    application: Application,
    user,
    scores: dict[int, int],
    assessment: str,
    recommendation: str,
    recommended_amount: Decimal | None,
    no_conflict_of_interest: bool,
) -> Review:
    """Record the substantive review with a score per criterion and the weighted total."""
    application = _locked(application, ApplicationStatus.IN_REVIEW)
    criteria = list(application.call.programme.criteria.all())
    total = vote_check(
        criteria=criteria,
        scores=scores,
        recommendation=recommendation,
        recommended_amount=recommended_amount,
        no_conflict_of_interest=no_conflict_of_interest,
    )
    review = Review(
        application=application,
        reviewer=user,
        assessment=assessment,
        recommendation=recommendation,
        recommended_amount=recommended_amount,
        no_conflict_of_interest=True,
        weighted_total=total,
    )
    review.full_clean()
    review.save()
    ReviewScore.objects.bulk_create(
        ReviewScore(review=review, criterion=c, score=scores[c.pk]) for c in criteria
    )
    audit_record(
        actor=user,
        action="grants.review.recorded",
        obj=application,
        after={
            "recommendation": recommendation,
            "weighted_total": review.weighted_total,
            "recommended_amount": recommended_amount,
        },
    )
    return review


@transaction.atomic
def application_ready_for_decision(*, application: Application) -> Application:
    """Review and budget check are done: the case waits for the decision."""
    application = _locked(application, ApplicationStatus.IN_REVIEW)
    _set_status(
        application,
        ApplicationStatus.AWAITING_DECISION,
        user=None,
        action="grants.application.ready_for_decision",
    )
    return application


@transaction.atomic
def decision_record(
    *,
    application: Application,
    user,
    outcome: str,
    approved_amount: Decimal | None,
    reasons: str,
    excluded: list[Exclusion] | None = None,
) -> Decision:
    """Approve in full, approve in part (amount and reasons), or reject (reasons).

    An approval fixes the terms (version 1): `excluded` names the cost lines found not
    eligible, in whole or in part, with the reason; the approved amount stays within what
    the financing type allows on the eligible costs (grants.services.terms)."""
    application = _locked(application, ApplicationStatus.AWAITING_DECISION)
    requested = application.requested_amount
    reasons = reasons.strip()
    if outcome == DecisionOutcome.APPROVED:
        approved_amount = requested
    elif outcome == DecisionOutcome.PARTIAL:
        if approved_amount is None or not ZERO < approved_amount < requested:
            raise ValidationError(
                {
                    "approved_amount": _(
                        "Eine Teilbewilligung liegt über 0,00 € und unter dem beantragten "
                        "Betrag von %(requested)s."
                    )
                    % {"requested": format_euro(requested)}
                }
            )
    else:
        approved_amount = ZERO
    if outcome != DecisionOutcome.APPROVED and not reasons:
        raise ValidationError({"reasons": _("Bitte begründen Sie die Entscheidung.")})
    approved = outcome != DecisionOutcome.REJECTED
    if approved:
        decision_terms_check(
            application, outcome=outcome, approved_amount=approved_amount, exclusions=excluded or []
        )
    decision = Decision(
        application=application,
        outcome=outcome,
        approved_amount=approved_amount,
        reasons=reasons,
        decided_by=user,
    )
    decision.full_clean()
    decision.save()
    if approved:
        terms_fix_at_decision(decision=decision, user=user, exclusions=excluded or [])
    _set_status(
        application,
        ApplicationStatus.APPROVED if approved else ApplicationStatus.REJECTED,
        user=user,
        action=f"grants.decision.{outcome}",
        after={"approved_amount": approved_amount, "reasons": reasons},
    )
    return decision


@transaction.atomic
def application_withdraw(*, application: Application, user) -> Application:
    """The applicant withdraws the application before the decision."""
    if not is_member(user, application.organisation):
        raise NotAllowed(_("Sie handeln nicht für diese Organisation."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_withdrawable:
        raise NotAllowed(_("Dieser Antrag kann nicht mehr zurückgezogen werden."))
    _set_status(
        application, ApplicationStatus.WITHDRAWN, user=user, action="grants.application.withdrawn"
    )
    return application
