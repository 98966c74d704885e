"""Projektideen in the staff menu (included in workflow/urls.py), for Sachbearbeitung."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from workflow.idea.views import (
    AdviceAddView,
    IdeaDeclineView,
    IdeaInviteView,
    IdeaQueueView,
    IdeaReferView,
    IdeaView,
)


def idea_app() -> Application:
    """The idea queue and the idea pages."""
    return Application(
        app_name="ideen",
        title=_("Projektideen"),
        icon="lightbulb",
        menu_template_name=None,
        permission="grants.advise_idea",
        urlpatterns=[
            path("", IdeaQueueView.as_view(), name="index"),
            path("<int:pk>/", IdeaView.as_view(), name="detail"),
            path("<int:pk>/beratung/", AdviceAddView.as_view(), name="advice"),
            path("<int:pk>/einladen/", IdeaInviteView.as_view(), name="invite"),
            path("<int:pk>/verweisen/", IdeaReferView.as_view(), name="refer"),
            path("<int:pk>/ablehnen/", IdeaDeclineView.as_view(), name="decline"),
        ],
    )
