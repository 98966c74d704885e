"""Who may see what of the budget: predicates (user, obj) -> refusal or None."""

from django.utils.translation import gettext as _

# One permission that each role seeing the ranking holds and Fachgutachten does not:
# Sachbearbeitung, Bewilligung, Finanzen, Administration. Jurors do not see the ranking: it
# shows the other cases' scores. Permissions, not group names: Django caches them per request,
# so the staff menu asks without a query of its own.
RANKING_PERMISSIONS = (
    "grants.check_application",
    "grants.decide_application",
    "grants.check_budget",
    "grants.change_programme",
)


def ranking_refusal(user, call=None) -> str | None:
    """Why the user may not see the ranking of a call, or None: Sachbearbeitung, Bewilligung,
    Administration and Finanzen may."""
    if any(user.has_perm(permission) for permission in RANKING_PERMISSIONS):
        return None
    return _("Die Rangliste sehen Sachbearbeitung, Bewilligung, Administration und Finanzen.")
