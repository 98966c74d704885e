"""The indicator part of the application form: the programme's catalogue and own indicators."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import LocalizedDecimalField
from grants.forms import with_blank
from grants.models import IndicatorDirection, IndicatorUnit
from grants.services.indicators import IndicatorChoice

CATALOGUE_PREFIX = "ind"
OWN_PREFIX = "own"

BASELINE_HELP = _("Der Stand heute, vor dem Projekt. Leer bedeutet 0.")
TARGET_HELP = _("Das wollen Sie bis zum Ende des Projekts erreichen.")


def indicator_value_field(label, help_text=""):
    """A measured value typed the way the active language writes it, stored as a Decimal."""
    return LocalizedDecimalField(
        label=label,
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text=help_text,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "amount"}),
    )


class CatalogueIndicatorsForm(forms.Form):
    """Per catalogue indicator: chosen or not (always for a mandatory one), baseline, target."""

    def __init__(self, *args, catalogue, chosen, **kwargs):
        self.catalogue = list(catalogue)
        initial = {}
        for indicator in self.catalogue:
            row = chosen.get(indicator.pk)
            initial[f"{indicator.pk}_chosen"] = indicator.mandatory or row is not None
            initial[f"{indicator.pk}_baseline"] = row.baseline if row else None
            initial[f"{indicator.pk}_target"] = row.target if row else None
        super().__init__(*args, initial=initial, **kwargs)
        for indicator in self.catalogue:
            self.fields[f"{indicator.pk}_chosen"] = forms.BooleanField(
                label=_("Diesen Indikator wählen"),
                required=False,
                # A disabled field keeps its initial value: a mandatory one stays chosen.
                disabled=indicator.mandatory,
                help_text=_("Pflicht in diesem Förderprogramm.") if indicator.mandatory else "",
            )
            self.fields[f"{indicator.pk}_baseline"] = indicator_value_field(
                _("Ausgangswert"), BASELINE_HELP
            )
            self.fields[f"{indicator.pk}_target"] = indicator_value_field(
                _("Zielwert"), TARGET_HELP
            )

    def clean(self):
        cleaned = super().clean()
        for indicator in self.catalogue:
            values = (
                cleaned.get(f"{indicator.pk}_baseline"),
                cleaned.get(f"{indicator.pk}_target"),
            )
            if not cleaned.get(f"{indicator.pk}_chosen") and any(v is not None for v in values):
                self.add_error(
                    f"{indicator.pk}_chosen",
                    _(
                        "Sie haben Werte eingetragen. Bitte wählen Sie den Indikator oder löschen "
                        "Sie die Werte."
                    ),
                )
        return cleaned

    def rows(self):
        """(indicator, chosen, baseline, target) per catalogue entry, in catalogue order."""
        return [
            (
                indicator,
                self[f"{indicator.pk}_chosen"],
                self[f"{indicator.pk}_baseline"],
                self[f"{indicator.pk}_target"],
            )
            for indicator in self.catalogue
        ]

    def choices(self) -> list[IndicatorChoice]:
        data = self.cleaned_data
        return [
            IndicatorChoice(
                indicator_id=indicator.pk,
                baseline=data.get(f"{indicator.pk}_baseline"),
                target=data.get(f"{indicator.pk}_target"),
            )
            for indicator in self.catalogue
            if data.get(f"{indicator.pk}_chosen")
        ]


class OwnIndicatorForm(forms.Form):
    """An indicator the applicant defines: what is counted, in which unit, and the aim."""

    name = forms.CharField(
        label=_("Was messen Sie?"),
        max_length=200,
        help_text=_("Zum Beispiel: Frauen, die allein zum Arzt gehen können."),
    )
    unit = forms.ChoiceField(label=_("Einheit"), choices=with_blank(IndicatorUnit.choices))
    direction = forms.ChoiceField(
        label=_("Ziel"),
        choices=with_blank(IndicatorDirection.choices),
        help_text=_("Wollen Sie den Wert steigern, senken oder halten?"),
    )
    baseline = indicator_value_field(_("Ausgangswert"), BASELINE_HELP)
    target = indicator_value_field(_("Zielwert"), TARGET_HELP)

    def choice(self) -> IndicatorChoice:
        data = self.cleaned_data
        return IndicatorChoice(
            own_name=data["name"],
            own_unit=data["unit"],
            own_direction=data["direction"],
            baseline=data.get("baseline"),
            target=data.get("target"),
        )


OwnIndicatorFormSet = forms.formset_factory(
    OwnIndicatorForm, extra=1, can_delete=True, max_num=10, validate_max=True
)


class IndicatorsSection:
    """Both forms of the indicator section, bound only if the posted page had the section.

    A POST without it (an older page, a script) leaves the indicators as they are.
    """

    def __init__(self, data=None, *, application):
        saved = list(application.indicators.all())
        if data is not None and f"{OWN_PREFIX}-TOTAL_FORMS" not in data:
            data = None
        self.is_bound = data is not None
        self.catalogue = CatalogueIndicatorsForm(
            data,
            prefix=CATALOGUE_PREFIX,
            catalogue=application.programme.indicators.all(),
            chosen={row.indicator_id: row for row in saved if row.indicator_id},
        )
        self.own = OwnIndicatorFormSet(
            data,
            prefix=OWN_PREFIX,
            initial=None if self.is_bound else own_initial(saved),
        )

    def is_valid(self) -> bool:
        return not self.is_bound or (self.catalogue.is_valid() and self.own.is_valid())

    def choices(self) -> list[IndicatorChoice] | None:
        """What to save; None when the section was not posted."""
        if not self.is_bound:
            return None
        own = [
            form.choice()
            for form in self.own.forms
            if form.has_changed() and not form.cleaned_data.get("DELETE")
        ]
        return self.catalogue.choices() + own


def own_initial(saved) -> list[dict]:
    return [
        {
            "name": row.own_name,
            "unit": row.own_unit,
            "direction": row.own_direction,
            "baseline": row.baseline,
            "target": row.target,
        }
        for row in saved
        if not row.indicator_id
    ]
