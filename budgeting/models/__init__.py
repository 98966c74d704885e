from .allocation import BudgetAllocation
from .base_rate import BaseRate
from .cofunding import CoFundingPledge
from .ledger import LedgerEntry, LedgerEntryKind
from .line import BudgetLine, BudgetLineQuerySet
from .payment import OPEN_PAYMENT_STATUSES, PaymentRequest, PaymentRequestStatus
from .privacy import DataSubject
from .settlement import (
    GrantSettlement,
    LateUseInterest,
    LateUseInterestDecision,
    RefundClaim,
    RefundReason,
    RefundStatus,
    Repayment,
)
from .source import FundingSource, FundingSourceKind

__all__ = [
    "OPEN_PAYMENT_STATUSES",
    "BaseRate",
    "BudgetAllocation",
    "BudgetLine",
    "BudgetLineQuerySet",
    "CoFundingPledge",
    "DataSubject",
    "FundingSource",
    "FundingSourceKind",
    "GrantSettlement",
    "LateUseInterest",
    "LateUseInterestDecision",
    "LedgerEntry",
    "LedgerEntryKind",
    "PaymentRequest",
    "PaymentRequestStatus",
    "RefundClaim",
    "RefundReason",
    "RefundStatus",
    "Repayment",
]
