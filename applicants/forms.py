"""Forms of the applicant portal: registration, organisation data, invitations."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from applicants.iban import parse_iban
from applicants.models import BankAccount, Organisation
from applicants.models.bank_account import holder_refusal
from core.forms import DateInput
from core.sepa import sepa_text


def email_taken(email: str) -> bool:
    """Whether an account uses the address, whatever the case of its letters."""
    return get_user_model().objects.filter(email__iexact=email).exists()


class PersonForm(forms.Form):
    """The person who registers or joins."""

    first_name = forms.CharField(label=_("Vorname"), max_length=150)
    last_name = forms.CharField(label=_("Nachname"), max_length=150)
    email = forms.EmailField(
        label=_("E-Mail-Adresse"), max_length=254, help_text=_("Damit melden Sie sich an.")
    )
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    password1 = forms.CharField(
        label=_("Passwort"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindestens 12 Zeichen, nicht nur Ziffern, kein gängiges Passwort."),
    )
    password2 = forms.CharField(
        label=_("Passwort wiederholen"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, fixed_email: str | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fixed_email = fixed_email
        if fixed_email:
            del self.fields["email"]

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        if email_taken(email):
            raise forms.ValidationError(
                _("Mit dieser E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich an.")
            )
        return email

    def clean(self):
        cleaned = super().clean()
        if self.fixed_email and email_taken(self.fixed_email):
            raise forms.ValidationError(
                _("Mit dieser E-Mail-Adresse gibt es schon ein Konto. Bitte melden Sie sich an.")
            )
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Die beiden Passwörter stimmen nicht überein."))
        elif first:
            user = get_user_model()(
                email=self.fixed_email or cleaned.get("email", ""),
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "register_number",
            "street",
            "postcode",
            "city",
            "district",
            "is_nonprofit",
            "tax_exemption_date",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        widgets = {"tax_exemption_date": DateInput()}


class BankAccountForm(forms.ModelForm):
    class Meta:
        model = BankAccount
        fields = ["holder", "iban"]
        help_texts = {"iban": _("22 Stellen, beginnt mit DE; Leerzeichen sind erlaubt.")}

    def clean_holder(self):
        holder = sepa_text(self.cleaned_data["holder"])
        if not holder:
            raise forms.ValidationError(holder_refusal())
        return holder

    def clean_iban(self):
        return parse_iban(self.cleaned_data["iban"]).compact


class BankChangeDecisionForm(forms.Form):
    """Finanzen confirm a new account after a call back, or reject it."""

    callback_note = forms.CharField(
        label=_("Vermerk zum Rückruf"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Wen haben Sie unter welcher bekannten Nummer erreicht? Nötig zum Bestätigen; "
            "rufen Sie nie eine Nummer aus dem Änderungsantrag an."
        ),
    )


class PrivacyConsentForm(forms.Form):
    privacy = forms.BooleanField(
        label=_(
            "Ich habe die Hinweise zum Datenschutz gelesen. Die Stadt verarbeitet die Angaben "
            "nur, um Förderanträge zu bearbeiten."
        )
    )


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-Mail-Adresse der Person"))
