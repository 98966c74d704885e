from django.contrib import messages
from django.contrib.auth import login
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views import View

from applicants.forms import BankAccountForm, OrganisationForm, PersonForm, PrivacyConsentForm
from applicants.portal import activate_organisation
from applicants.services import PersonData, registration_create


def person_data(form: PersonForm, email: str | None = None) -> PersonData:
    data = form.cleaned_data
    return PersonData(
        email=email or data["email"],
        password=data["password1"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        phone=data.get("phone", ""),
        language=translation.get_language(),
    )


class RegisterView(View):
    """Register a person together with their organisation."""

    template_name = "applicants/register.html"

    def forms(self, data=None):
        return {
            "person_form": PersonForm(data, prefix="person"),
            "organisation_form": OrganisationForm(data, prefix="org"),
            "bank_form": BankAccountForm(data, prefix="bank"),
            "consent_form": PrivacyConsentForm(data, prefix="consent"),
        }

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("portal:home")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, self.forms())

    def post(self, request):
        forms = self.forms(request.POST)
        if not all([form.is_valid() for form in forms.values()]):
            return render(request, self.template_name, {**forms, "has_errors": True}, status=400)
        bank = forms["bank_form"].cleaned_data
        membership = registration_create(
            person=person_data(forms["person_form"]),
            organisation_data=forms["organisation_form"].cleaned_data,
            bank_data={"holder": bank["holder"], "iban": bank["iban"]},
        )
        login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        activate_organisation(request, membership.organisation)
        messages.success(
            request,
            _("Willkommen! Ihre Organisation „%(name)s“ ist registriert.")
            % {"name": membership.organisation.name},
        )
        return redirect("portal:home")
