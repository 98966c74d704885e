"""The login pages under /konto/ (included by config.urls' account_urls)."""

from django.urls import path

from core.login.views.password import LoginView, PasswordResetConfirmView
from core.login.views.second_factor import CodeView, SetupView
from core.login.views.security import SecurityDisableView, SecuritySetupView, SecurityView

urlpatterns = [
    path("anmelden/", LoginView.as_view(), name="login"),
    path("anmelden/code/", CodeView.as_view(), name="otp_verify"),
    path("anmelden/einrichten/", SetupView.as_view(), name="otp_setup"),
    path("sicherheit/", SecurityView.as_view(), name="account_security"),
    path("sicherheit/einrichten/", SecuritySetupView.as_view(), name="account_security_setup"),
    path("sicherheit/ausschalten/", SecurityDisableView.as_view(), name="account_security_disable"),
    path(
        "passwort/neu/<uidb64>/<token>/",
        PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
