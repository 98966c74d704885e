from django.core.exceptions import ValidationError

from core.errors import NotAllowed

__all__ = ["NotAllowed", "ReportRejected", "SubmissionRejected"]


class SubmissionRejected(ValidationError):
    """The application breaks submission rules; `errors` maps fields to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


class ReportRejected(ValidationError):
    """The report breaks submission rules; `errors` maps fields and sections to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors
