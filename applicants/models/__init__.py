from .bank_account import BankAccount, BankAccountChange, BankAccountChangeStatus, ConfirmationVia
from .invitation import Invitation
from .membership import Membership
from .organisation import LegalForm, Organisation

__all__ = [
    "BankAccount",
    "BankAccountChange",
    "BankAccountChangeStatus",
    "ConfirmationVia",
    "Invitation",
    "LegalForm",
    "Membership",
    "Organisation",
]
