"""Who may do what with an application: predicates (user, obj) -> bool."""

from applicants.permissions import is_member
from grants.models import Application


def can_view_application(user, application: Application) -> bool:
    """Members of the applying organisation see its applications."""
    return is_member(user, application.organisation)


def can_edit_application(user, application: Application) -> bool:
    """Members may change an application while it is a draft."""
    return application.is_editable and is_member(user, application.organisation)


def can_submit_application(user, application: Application) -> bool:
    return can_edit_application(user, application)
