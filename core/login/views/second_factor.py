"""The second step of the login: the code from the app, or (staff, first time) setting it up."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache

from core.login.devices import (
    confirmed_device,
    otp_code_verify,
    otp_device_confirm,
    otp_locked_until,
)
from core.login.enrolment import enrolment_device
from core.login.forms import CodeForm
from core.login.messages import throttled_message, wrong_code_message
from core.login.pending import login_step, login_step_complete
from core.login.policy import second_factor_mandatory
from core.login.qr import enrolment_context


def login_again(request, next_url: str):
    """A logged-in session without a device sets one up only after the password again."""
    logout(request)
    messages.info(
        request, _("Bitte melden Sie sich erneut an, um die Zwei-Faktor-Anmeldung einzurichten.")
    )
    return redirect_to_login(next_url)


@method_decorator(never_cache, name="dispatch")
class SecondFactorStep(View):
    """Both steps: whose login it is (core.login.pending), the code, where it leads."""

    template_name = ""

    def dispatch(self, request, *args, **kwargs):
        self.step = login_step(request)
        if self.step is None:
            return redirect("landing" if request.user.is_authenticated else "login")
        return self.refusal() or super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render_form(CodeForm())

    def post(self, request):
        form = CodeForm(request.POST)
        if form.is_valid():
            device = self.device()
            locked_until = otp_locked_until(device)
            if locked_until is not None:
                form.add_error("token", throttled_message(locked_until))
            elif verified := self.check(device, form.cleaned_data["token"]):
                login_step_complete(request, self.step, verified)
                return redirect(self.step.next_url)
            else:
                form.add_error("token", wrong_code_message())
        return self.render_form(form)

    def render_form(self, form, **context):
        context = {"form": form, "step": self.step, **context}
        return render(self.request, self.template_name, context)

    def refusal(self):
        """A redirect when this step does not fit the person; None when it does."""
        return None


class CodeView(SecondFactorStep):
    """The six-digit code of the confirmed device."""

    template_name = "registration/otp_verify.html"

    def refusal(self):
        self.confirmed = confirmed_device(self.step.user)
        if self.confirmed is not None:
            return None
        if not second_factor_mandatory(self.step.user):
            return redirect("login")
        if not self.step.pending:
            return login_again(self.request, self.step.next_url)
        return redirect("otp_setup")

    def device(self):
        return self.confirmed

    def check(self, device, token):
        return otp_code_verify(device=device, token=token)


class SetupView(SecondFactorStep):
    """Staff set up their authenticator app at their first login (and after a reset)."""

    template_name = "registration/otp_setup.html"

    def refusal(self):
        if not self.step.pending:
            return login_again(self.request, self.step.next_url)
        if confirmed_device(self.step.user) is not None:
            return redirect("otp_verify")
        if not second_factor_mandatory(self.step.user):
            return redirect("login")
        return None

    def device(self):
        return enrolment_device(self.request, self.step.user)

    def check(self, device, token):
        return otp_device_confirm(device=device, token=token)

    def render_form(self, form, **context):
        return super().render_form(form, **enrolment_context(self.device()), **context)
