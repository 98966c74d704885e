"""The forms of the second factor: the six-digit code, and switching it off."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "pattern": "[0-9 ]*",
    "maxlength": "7",
    "size": "8",
}


class CodeForm(forms.Form):
    """The current code of the authenticator app."""

    token = forms.CharField(
        label=_("Sechsstelliger Code aus der App"),
        max_length=7,
        strip=True,
        widget=forms.TextInput(attrs=CODE_ATTRS),
        help_text=_("Die App zeigt alle 30 Sekunden einen neuen Code."),
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split())
        if not re.fullmatch(r"\d{6}", token):
            raise forms.ValidationError(_("Bitte geben Sie die sechs Ziffern aus der App ein."))
        return token


class DisableForm(CodeForm):
    """Switching the second factor off needs the password and a current code."""

    password = forms.CharField(
        label=_("Passwort"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    field_order = ["password", "token"]
