"""The indicator part of the report form: the value reached and a short comment per indicator."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.forms_indicators import indicator_value_field
from grants.services.indicator_actuals import IndicatorValue

PREFIX = "indicators"


class IndicatorActualsForm(forms.Form):
    """One value and one comment field per indicator of the application."""

    def __init__(self, *args, indicators, actuals, **kwargs):
        self.indicators = list(indicators)
        self.saved = {actual.application_indicator_id: actual for actual in actuals}
        initial = {}
        for pk, actual in self.saved.items():
            initial[f"value_{pk}"] = actual.value
            initial[f"comment_{pk}"] = actual.comment
        super().__init__(*args, prefix=PREFIX, initial=initial, **kwargs)
        for indicator in self.indicators:
            self.fields[f"value_{indicator.pk}"] = indicator_value_field(
                _("Erreichter Wert"),
                _("Der Stand am Ende des Berichtszeitraums, seit Projektbeginn gezählt."),
            )
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(
                label=_("Kommentar"),
                max_length=500,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2, "maxlength": 500}),
                help_text=_(
                    "Kurz und freiwillig: Was hat den Wert beeinflusst? Höchstens 500 Zeichen."
                ),
            )

    def rows(self):
        """(indicator, value field, comment field, saved actual or None) per indicator."""
        return [
            (
                indicator,
                self[f"value_{indicator.pk}"],
                self[f"comment_{indicator.pk}"],
                self.saved.get(indicator.pk),
            )
            for indicator in self.indicators
        ]

    def values(self) -> dict[int, IndicatorValue]:
        data = self.cleaned_data
        return {
            indicator.pk: IndicatorValue(
                value=data.get(f"value_{indicator.pk}"),
                comment=data.get(f"comment_{indicator.pk}", ""),
            )
            for indicator in self.indicators
        }
