"""Who may work on which task of a case: the role, and rule 4 of DOMAIN.md."""

from django.utils.translation import gettext as _

from core.roles import CASEWORKER, FINANCE
from grants.permissions import decision_refusal, review_refusal, staff_refusal


def caseworker_refusal(user, application) -> str | None:
    return staff_refusal(user, application, CASEWORKER)


def reviewer_refusal(user, application) -> str | None:
    """The single review: grants.permissions.review_refusal, the rule for every juror too."""
    return review_refusal(user, application)


def finance_refusal(user, application) -> str | None:
    return staff_refusal(user, application, FINANCE)


__all__ = [
    "arithmetic_refusal",
    "caseworker_refusal",
    "decision_refusal",
    "factual_refusal",
    "finance_refusal",
    "release_refusal",
    "report_check_refusal",
    "reviewer_refusal",
]


def factual_refusal(user, request) -> str | None:
    """Sachlich richtig: Sachbearbeitung, not a member of the organisation."""
    return staff_refusal(user, request.application, CASEWORKER)


def arithmetic_refusal(user, request) -> str | None:
    """Rechnerisch richtig: Finanzen, and not the person who signed factually."""
    reason = staff_refusal(user, request.application, FINANCE)
    if reason is None and user.pk == request.factual_by_id:
        reason = _("Sie haben diesen Mittelabruf bereits sachlich richtig gezeichnet.")
    return reason


def release_refusal(user, request) -> str | None:
    """Anordnung: Finanzen, and a third person besides both signers (§ 31 KomHVO NRW)."""
    reason = staff_refusal(user, request.application, FINANCE)
    if reason is None and user.pk in (request.factual_by_id, request.arithmetic_by_id):
        reason = _("Die Anordnung muss eine dritte Person treffen, die nicht gezeichnet hat.")
    return reason


def report_check_refusal(user, report) -> str | None:
    """The check of a report: Sachbearbeitung, not a member of the organisation."""
    return staff_refusal(user, report.application, CASEWORKER)
