from .bank_account import BankAccount
from .invitation import Invitation
from .membership import Membership
from .organisation import LegalForm, Organisation

__all__ = ["BankAccount", "Invitation", "LegalForm", "Membership", "Organisation"]
