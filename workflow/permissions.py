"""Who may work on which task of a case: the role, and rule 4 of DOMAIN.md."""

from core.roles import CASEWORKER, FINANCE, REVIEWER
from grants.permissions import decision_refusal, staff_refusal


def caseworker_refusal(user, application) -> str | None:
    return staff_refusal(user, application, CASEWORKER)


def reviewer_refusal(user, application) -> str | None:
    return staff_refusal(user, application, REVIEWER)


def finance_refusal(user, application) -> str | None:
    return staff_refusal(user, application, FINANCE)


__all__ = ["caseworker_refusal", "decision_refusal", "finance_refusal", "reviewer_refusal"]
