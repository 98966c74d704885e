"""Who may see what of the budget: predicates (user, obj) -> refusal or None."""

from django.utils.translation import gettext as _

from core.roles import ADMINISTRATION, APPROVER, CASEWORKER, FINANCE

# Jurors (Fachgutachten) do not see the ranking: it shows the other cases' scores.
RANKING_ROLES = (CASEWORKER, APPROVER, ADMINISTRATION, FINANCE)


def ranking_refusal(user, call=None) -> str | None:
    """Why the user may not see the ranking of a call, or None: Sachbearbeitung, Bewilligung,
    Administration and Finanzen may (one query)."""
    if user.is_authenticated and user.groups.filter(name__in=RANKING_ROLES).exists():
        return None
    return _("Die Rangliste sehen Sachbearbeitung, Bewilligung, Administration und Finanzen.")
