"""The terms of a grant in force: what the newest notice fixed (see grants.models.terms)."""

from grants.models import Application, GrantTerms


def terms_in_force(application: Application) -> GrantTerms | None:
    """The newest version of the application's terms; None before an approval."""
    return (
        GrantTerms.objects.filter(application=application)
        .prefetch_related("excluded_lines__cost_line")
        .order_by("-version")
        .first()
    )
