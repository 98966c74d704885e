from .audit import AuditEntry
from .district import District
from .user import User

__all__ = ["AuditEntry", "District", "User"]
