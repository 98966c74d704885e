from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from applicants.urls import urlpatterns as applicants_portal
from budgeting.transparency import urls as transparency_urls
from core.password_reset import LanguagePasswordResetForm
from core.views import AccessibilityStatementView, LandingView, set_language
from grants.urls import urlpatterns as grants_portal
from workflow.urls import portal_urls as workflow_portal
from workflow.urls import staff_site

admin.site.site_header = _("Fördertal – Verwaltung")
admin.site.site_title = _("Fördertal")
admin.site.index_title = _("Stammdaten und Programme")

account_urls = [
    # core.login: anmelden/ (password, then anmelden/code/ or anmelden/einrichten/ for the
    # second factor), sicherheit/ (the account's security page) and passwort/neu/… (the reset
    # link, which also ends a lockout)
    path("", include("core.login.urls")),
    path("abmelden/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "passwort/",
        auth_views.PasswordResetView.as_view(form_class=LanguagePasswordResetForm),
        name="password_reset",
    ),
    path(
        "passwort/gesendet/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "passwort/fertig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
]

urlpatterns = [
    path("", LandingView.as_view(), name="landing"),
    path("konto/", include(account_urls)),
    path("portal/", include((applicants_portal + grants_portal + workflow_portal, "portal"))),
    path("staff/", staff_site.urls),
    path("admin/", admin.site.urls),
    path("transparenz/", include(transparency_urls)),
    path("barrierefreiheit/", AccessibilityStatementView.as_view(), name="accessibility"),
    # The language switch of every page: Django's set_language, and it saves the choice.
    path("i18n/setlang/", set_language, name="set_language"),
]
