from .allocation import budget_check_record
from .ledger import budget_commit, budget_release

__all__ = ["budget_check_record", "budget_commit", "budget_release"]
