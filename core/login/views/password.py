"""The password pages: Django's views with the second factor and the lockout added."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect

from core.login.pending import default_next, pending_start
from core.login.policy import second_factor_needed
from core.login.throttling import lockouts_clear


class LoginView(auth_views.LoginView):
    """Django's login with the e-mail address (counted by django-axes). Who needs a second
    factor is not logged in yet: the code page follows (core.login.pending)."""

    def form_valid(self, form):
        user = form.get_user()
        if not second_factor_needed(user):
            return super().form_valid(form)
        pending_start(
            self.request, user=user, next_url=self.get_redirect_url() or default_next(user)
        )
        return redirect("otp_verify")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Django's page for the new password; it also ends a lockout of the address."""

    def form_valid(self, form):
        response = super().form_valid(form)
        lockouts_clear(email=form.user.email)
        return response
