from django.core.exceptions import PermissionDenied


class NotAllowed(PermissionDenied):
    """The user may not do this; the message says why, in German, for the page to show."""
