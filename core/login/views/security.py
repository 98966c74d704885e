"""The account's security page (/konto/sicherheit/): applicants turn the second factor on and
off there; staff see that theirs is mandatory."""

import django_otp
from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from core.login.devices import (
    confirmed_device,
    otp_code_verify,
    otp_device_confirm,
    otp_device_disable,
    otp_locked_until,
)
from core.login.enrolment import enrolment_clear, enrolment_device
from core.login.forms import CodeForm, DisableForm
from core.login.messages import throttled_message, wrong_code_message
from core.login.policy import second_factor_mandatory
from core.login.qr import enrolment_context

SECURITY_TEMPLATE = "registration/account_security.html"


def security_page(request, *, disable_form=None, status=200):
    user = request.user
    context = {
        "device": confirmed_device(user),
        "mandatory": second_factor_mandatory(user),
        "disable_form": disable_form or DisableForm(),
    }
    return render(request, SECURITY_TEMPLATE, context, status=status)


@method_decorator(never_cache, name="dispatch")
class SecurityView(LoginRequiredMixin, View):
    """What protects the login: the password and the state of the second factor."""

    def get(self, request):
        return security_page(request)


@method_decorator(never_cache, name="dispatch")
class SecuritySetupView(LoginRequiredMixin, View):
    """Turning the second factor on: the QR code, then the first code to confirm it."""

    template_name = "registration/account_security_setup.html"

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if user.is_authenticated and (
            second_factor_mandatory(user) or confirmed_device(user) is not None
        ):
            return redirect("account_security")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_form(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            device = enrolment_device(request, request.user)
            locked_until = otp_locked_until(device)
            if locked_until is not None:
                form.add_error("token", throttled_message(locked_until))
            elif confirmed := otp_device_confirm(device=device, token=form.cleaned_data["token"]):
                django_otp.login(request, confirmed)
                enrolment_clear(request)
                messages.success(
                    request,
                    _(
                        "Die Zwei-Faktor-Anmeldung ist eingeschaltet. Ab der nächsten Anmeldung "
                        "fragen wir nach dem Passwort auch nach dem Code aus der App."
                    ),
                )
                return redirect("account_security")
            else:
                form.add_error("token", wrong_code_message())
        return self.render_form(form)

    def render_form(self, form):
        device = enrolment_device(self.request, self.request.user)
        context = {"form": form, **enrolment_context(device)}
        return render(self.request, self.template_name, context)


@method_decorator(sensitive_post_parameters("password", "token"), name="dispatch")
class SecurityDisableView(LoginRequiredMixin, View):
    """Turning it off needs the password and a current code: never by a session alone."""

    http_method_names = ["post"]

    def post(self, request):
        user = request.user
        if second_factor_mandatory(user):
            raise PermissionDenied(_("Für Mitarbeitende ist die Zwei-Faktor-Anmeldung Pflicht."))
        device = confirmed_device(user)
        if device is None:
            return redirect("account_security")
        form = DisableForm(request.POST)
        if form.is_valid():
            # authenticate() lets django-axes count a wrong password like a failed login.
            checked = authenticate(
                request, username=user.email, password=form.cleaned_data["password"]
            )
            locked_until = otp_locked_until(device)
            if checked is None or checked.pk != user.pk:
                form.add_error("password", _("Das Passwort stimmt nicht."))
            elif locked_until is not None:
                form.add_error("token", throttled_message(locked_until))
            elif otp_code_verify(device=device, token=form.cleaned_data["token"]) is None:
                form.add_error("token", wrong_code_message())
            else:
                otp_device_disable(user=user)
                messages.success(
                    request,
                    _(
                        "Die Zwei-Faktor-Anmeldung ist ausgeschaltet. Sie melden sich wieder nur "
                        "mit E-Mail-Adresse und Passwort an."
                    ),
                )
                return redirect("account_security")
        return security_page(request, disable_form=form, status=400)
