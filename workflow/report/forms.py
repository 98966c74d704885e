"""Forms of the report flow: the check of a report with a confirmation of each indicator's
computed status, and the waiver of the § 49a Abs. 4 interest."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ReportCheckForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Ergebnis"),
        choices=[
            ("accepted", _("Anerkannt – beim Verwendungsnachweis folgt die Schlussfestsetzung")),
            ("revision", _("Nachforderung – der Träger muss nachbessern")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Nachricht an den Träger"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportCheckIndicatorsForm(ReportCheckForm):
    """Result and message of the check, and per indicator actual "Stand bestätigt"."""

    def __init__(self, *args, actuals=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.actuals = list(actuals)
        confirmations = {
            f"confirm_{actual.pk}": forms.BooleanField(
                label=_("Stand bestätigt: %(indicator)s (%(status)s)")
                % {
                    "indicator": actual.application_indicator.name,
                    "status": actual.get_status_display() or _("ohne Stand"),
                },
                required=False,
                initial=actual.confirmed_at is not None,
            )
            for actual in self.actuals
        }
        self.fields = {**confirmations, **self.fields}

    def confirmed(self) -> set[int]:
        """The actuals whose status the checker confirms."""
        return {actual.pk for actual in self.actuals if self.cleaned_data[f"confirm_{actual.pk}"]}


class LateUseWaiveForm(forms.Form):
    """Waive the § 49a Abs. 4 interest: the reason is required."""

    reason = forms.CharField(
        label=_("Grund für den Verzicht auf die Zinsen"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        error_messages={
            "required": _("Bitte begründen Sie, warum die Zinsen nicht geltend gemacht werden.")
        },
    )
