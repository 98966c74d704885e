from .allocation import BudgetAllocation
from .ledger import LedgerEntry, LedgerEntryKind
from .line import BudgetLine, BudgetLineQuerySet
from .source import FundingSource, FundingSourceKind

__all__ = [
    "BudgetAllocation",
    "BudgetLine",
    "BudgetLineQuerySet",
    "FundingSource",
    "FundingSourceKind",
    "LedgerEntry",
    "LedgerEntryKind",
]
