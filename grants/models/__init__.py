from .application import Application, ApplicationStatus, ReferenceCounter
from .attachment import Attachment
from .case import (
    SCORE_MAX,
    Decision,
    DecisionOutcome,
    FormalCheck,
    FormalCheckResult,
    Notice,
    NoticeKind,
    Recommendation,
    Review,
    ReviewScore,
)
from .plan import CostCategory, CostLine, FinancingKind, FinancingLine
from .programme import Call, Criterion, FinancingType, Programme, RequiredDocument, Theme

__all__ = [
    "SCORE_MAX",
    "Application",
    "ApplicationStatus",
    "Attachment",
    "Call",
    "CostCategory",
    "CostLine",
    "Criterion",
    "Decision",
    "DecisionOutcome",
    "FinancingKind",
    "FinancingLine",
    "FinancingType",
    "FormalCheck",
    "FormalCheckResult",
    "Notice",
    "NoticeKind",
    "Programme",
    "Recommendation",
    "ReferenceCounter",
    "RequiredDocument",
    "Review",
    "ReviewScore",
    "Theme",
]
