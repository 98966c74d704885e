from django.core.exceptions import ValidationError

from core.errors import NotAllowed

__all__ = ["NotAllowed", "SubmissionRejected"]


class SubmissionRejected(ValidationError):
    """The application breaks submission rules; `errors` maps fields to messages."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors
