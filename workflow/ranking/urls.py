"""The ranking's part of the staff site (included in workflow/urls.py)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from viewflow.urls import Application

from workflow.ranking.views import RankingExportView, RankingView, may_see_ranking


def ranking_app() -> Application:
    """Rangliste in the staff menu, for the roles that may see it."""
    return Application(
        app_name="rangliste",
        title=_("Rangliste"),
        icon="leaderboard",
        menu_template_name=None,
        permission=may_see_ranking,
        urlpatterns=[
            path("", RankingView.as_view(), name="index"),
            path("<int:pk>/rangliste.xlsx", RankingExportView.as_view(), name="export"),
        ],
    )
