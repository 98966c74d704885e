"""Forms shared by the staff pages, and putting a service's errors on a form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BoundedDateField
from grants.forms import money_field


def add_form_errors(form, error) -> None:
    """Put a service's ValidationError on the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


class RepaymentForm(forms.Form):
    amount = money_field(_("eingegangener Betrag (Euro)"))
    received_on = BoundedDateField(label=_("eingegangen am"))


class RefundWaiverForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Niederschlagung"), widget=forms.Textarea(attrs={"rows": 2})
    )


class RevocationForm(forms.Form):
    reasons = forms.CharField(
        label=_("Gründe des Widerrufs"), widget=forms.Textarea(attrs={"rows": 3})
    )
    confirm = forms.BooleanField(
        label=_(
            "Ich widerrufe die Bewilligung. Ausgezahlte Mittel werden mit Zinsen zurückgefordert."
        )
    )


class CoFundingReceiptForm(forms.Form):
    pledge = forms.ModelChoiceField(label=_("Zusage"), queryset=None)
    amount = money_field(_("eingegangener Betrag (Euro)"))
    received_on = BoundedDateField(label=_("eingegangen am"))

    def __init__(self, source, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pledge"].queryset = source.pledges.select_related("budget_line__programme")
