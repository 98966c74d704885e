"""Who may do what with an application: predicates (user, obj) -> bool."""

from django.utils.translation import gettext as _

from applicants.permissions import is_member
from core.roles import APPROVER, CASEWORKER, REVIEWER, ROLES, has_role
from grants.models import Application, Decision, FormalCheck, PanelSeat, Review
from grants.procedure import takes_light_track


def can_view_application(user, application: Application) -> bool:
    """Members of the applying organisation see its applications."""
    return is_member(user, application.organisation)


def can_edit_application(user, application: Application) -> bool:
    """Members may change an application while it is a draft."""
    return application.is_editable and is_member(user, application.organisation)


def can_submit_application(user, application: Application) -> bool:
    return can_edit_application(user, application)


def staff_refusal(user, application: Application, role: str) -> str | None:
    """Why a member of staff may not act on the case in this role, or None (rule 4)."""
    if not has_role(user, role):
        return _("Diese Aufgabe gehört zur Rolle „%(role)s“.") % {"role": ROLES[role]}
    if is_member(user, application.organisation):
        return _(
            "Sie gehören zur antragstellenden Organisation und dürfen an diesem Antrag "
            "nicht mitwirken."
        )
    return None


def decision_refusal(user, application: Application) -> str | None:
    """Why the user may not decide on the application, or None: Bewilligung (on the light track
    Sachbearbeitung), not a member of the organisation, neither its reviewer nor a member of its
    jury."""
    role = CASEWORKER if takes_light_track(application) else APPROVER
    reason = staff_refusal(user, application, role)
    if reason is None and Review.objects.filter(application=application, reviewer=user).exists():
        reason = _("Sie haben diesen Antrag begutachtet und dürfen nicht über ihn entscheiden.")
    if reason is None and PanelSeat.objects.filter(application=application, reviewer=user).exists():
        reason = _("Sie gehören zur Jury dieses Antrags und dürfen nicht über ihn entscheiden.")
    return reason


def review_refusal(user, application: Application) -> str | None:
    """Why the user may not review the application, alone or in its jury, or None: Fachgutachten,
    not a member of the organisation, and has not done its formal check nor decided it."""
    reason = staff_refusal(user, application, REVIEWER)
    if (
        reason is None
        and FormalCheck.objects.filter(application=application, checked_by=user).exists()
    ):
        reason = _(
            "Sie haben die Vollständigkeitsprüfung dieses Antrags durchgeführt und dürfen ihn "
            "nicht begutachten."
        )
    if (
        reason is None
        and Decision.objects.filter(application=application, decided_by=user).exists()
    ):
        reason = _("Sie haben über diesen Antrag entschieden und dürfen ihn nicht begutachten.")
    return reason


def delivery_refusal(user, application: Application) -> str | None:
    """Why the user may not record how a notice was delivered, or None: Sachbearbeitung or
    Bewilligung, not a member of the organisation (rule 4)."""
    if is_member(user, application.organisation):
        return staff_refusal(user, application, CASEWORKER)
    if has_role(user, CASEWORKER) or has_role(user, APPROVER):
        return None
    return _("Die Bekanntgabe erfassen Sachbearbeitung oder Bewilligung.")


def idea_advice_refusal(user, idea) -> str | None:
    """Why a member of staff may not advise on the idea or conclude it, or None: Sachbearbeitung
    with the right to advise, not a member of the organisation (rule 4)."""
    if not user.is_authenticated or not user.has_perm("grants.advise_idea"):
        return _("Projektideen berät die Sachbearbeitung.")
    if is_member(user, idea.organisation):
        return _("Sie gehören zur Organisation dieser Projektidee und dürfen sie nicht beraten.")
    return None
