"""The audit trail the real services would have written, so that a case's history has rows:
submission, formal check, decision, finality, settlement or revocation, refund claim.

Action codes and payloads follow the services (core.audit_labels names every code); the
revocation entry carries the reasons, which the open data export reads.
"""

from bench.seeding.closing import REVOCATION_REASONS
from bench.seeding.common import Case, Context, S
from bench.seeding.decisions import CHECKED, DECIDED
from core.models import AuditEntry
from grants.models import DecisionOutcome, FormalCheckResult

APPLICATION = "grants.application"


def audit_create(ctx: Context, cases: list[Case], settlements, claims) -> list[AuditEntry]:
    """Entries of every submitted case, written in bulk."""
    settled = {s.application_id: s for s in settlements}
    claimed = {c.application_id: c for c in claims}
    entries = []
    for case in cases:
        if case.app.submitted_at is None:
            continue
        entries.extend(_case_entries(ctx, case))
        if case.app.pk in settled:
            entries.extend(_settlement_entries(ctx, case, settled[case.app.pk]))
        if case.status == S.REVOKED:
            entries.append(_revocation_entry(ctx, case))
        if case.app.pk in claimed:
            entries.append(_claim_entry(ctx, case, claimed[case.app.pk]))
    return ctx.bulk(AuditEntry, entries)


def _entry(case: Case, actor, action: str, at, before=None, after=None) -> AuditEntry:
    return AuditEntry(
        actor=actor,
        action=action,
        object_type=APPLICATION,
        object_id=str(case.app.pk),
        before=before or {},
        after=after or {},
        created_at=at,
    )


def _case_entries(ctx: Context, case: Case) -> list[AuditEntry]:
    app = case.app
    entries = [
        _entry(
            case,
            case.author,
            "grants.application.submitted",
            app.submitted_at,
            {"status": S.DRAFT},
            {
                "status": S.SUBMITTED,
                "reference": app.reference,
                "requested_amount": app.requested_amount,
                "publication_consent": app.publication_consent,
            },
        )
    ]
    if case.status in CHECKED:
        revision = case.status == S.REVISION_REQUESTED
        result = FormalCheckResult.REVISION if revision else FormalCheckResult.COMPLETE
        status = S.REVISION_REQUESTED if revision else S.IN_REVIEW
        entries.append(
            _entry(
                case,
                ctx.staff["caseworker"],
                f"grants.formal_check.{result}",
                case.checked_at,
                {"status": S.SUBMITTED},
                {"status": status, "round": 1},
            )
        )
    if case.status in DECIDED:
        entries.append(_decision_entry(ctx, case))
    if app.final_on is not None:
        entries.append(_final_entry(ctx, case))
    return entries


def _decision_entry(ctx: Context, case: Case) -> AuditEntry:
    if case.status == S.REJECTED:
        outcome, status = DecisionOutcome.REJECTED, S.REJECTED
    else:
        outcome = DecisionOutcome.PARTIAL if case.partial else DecisionOutcome.APPROVED
        status = S.APPROVED
    return _entry(
        case,
        ctx.staff["approver"],
        f"grants.decision.{outcome}",
        case.decided_at,
        {"status": S.AWAITING_DECISION},
        {"status": status, "approved_amount": case.approved},
    )


def _final_entry(ctx: Context, case: Case) -> AuditEntry:
    app = case.app
    if app.waiver_declared_at is not None:
        actor, via, at = case.author, "waiver", app.waiver_declared_at
    else:
        actor, via, at = None, "appeal_period", ctx.aware(app.final_on)
    return _entry(
        case,
        actor,
        f"grants.application.final_by_{via}",
        at,
        {"status": S.APPROVED},
        {"status": S.FINAL, "final_on": app.final_on},
    )


def _settlement_entries(ctx: Context, case: Case, record) -> list[AuditEntry]:
    by, at = ctx.staff["caseworker"], case.ended_at
    return [
        _entry(
            case,
            by,
            "budgeting.settlement.settled",
            at,
            {"status": S.FINAL, "approved": record.approved, "paid": record.paid},
            {
                "final_grant": record.final_grant,
                "refund": record.refund,
                "remaining": record.remaining_payable,
            },
        ),
        _entry(
            case, by, "grants.application.settled", at, {"status": S.FINAL}, {"status": case.status}
        ),
    ]


def _revocation_entry(ctx: Context, case: Case) -> AuditEntry:
    return _entry(
        case,
        ctx.staff["approver"],
        "grants.application.revoked",
        case.ended_at,
        {"status": S.FINAL},
        {"status": S.REVOKED, "reasons": REVOCATION_REASONS},
    )


def _claim_entry(ctx: Context, case: Case, claim) -> AuditEntry:
    return _entry(
        case,
        claim.created_by,
        "budgeting.refund.claimed",
        claim.created_at,
        after={"claim": claim.pk, "amount": claim.amount, "interest_from": claim.interest_from},
    )
