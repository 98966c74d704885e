from .application import Application, ApplicationStatus, ReferenceCounter
from .attachment import Attachment
from .plan import CostCategory, CostLine, FinancingKind, FinancingLine
from .programme import Call, Criterion, FinancingType, Programme, RequiredDocument, Theme

__all__ = [
    "Application",
    "ApplicationStatus",
    "Attachment",
    "Call",
    "CostCategory",
    "CostLine",
    "Criterion",
    "FinancingKind",
    "FinancingLine",
    "FinancingType",
    "Programme",
    "ReferenceCounter",
    "RequiredDocument",
    "Theme",
]
