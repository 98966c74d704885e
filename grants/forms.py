"""Forms of the application in the portal."""

from django import forms
from django.conf import settings
from django.db.models.fields import BLANK_CHOICE_LABEL
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.formatting import format_euro
from core.forms import DateInput, LocalizedDecimalField
from core.models import District
from grants.models import Application, Call, CostCategory, FinancingKind, RequiredDocument

MONEY_WIDGET = forms.TextInput(attrs={"inputmode": "decimal", "class": "amount"})


def money_field(label, required=True):
    return LocalizedDecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=14,
        decimal_places=2,
        widget=MONEY_WIDGET,
    )


def units_field(label, required=False):
    """A number of units (course hours, participants), with up to two decimal places."""
    return LocalizedDecimalField(
        label=label,
        required=required,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "amount"}),
    )


class NewApplicationForm(forms.Form):
    call = forms.ModelChoiceField(label=_("Förderaufruf"), queryset=Call.objects.none())
    title = forms.CharField(label=_("Projekttitel"), max_length=200)

    def __init__(self, *args, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls


class ApplicationForm(forms.ModelForm):
    """The project plan; saved as a draft even when incomplete."""

    requested_amount = money_field(_("beantragte Förderung (Euro)"), required=False)
    units_planned = units_field(_("geplante Einheiten"))
    districts = forms.ModelMultipleChoiceField(
        label=_("Stadtbezirke des Projekts"),
        queryset=District.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Application
        fields = [
            "title",
            "summary",
            "goals",
            "target_group",
            "districts",
            "project_start",
            "project_end",
            "requested_amount",
            "units_planned",
            "publication_consent",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 4}),
            "target_group": forms.Textarea(attrs={"rows": 3}),
            "project_start": DateInput(),
            "project_end": DateInput(),
        }
        help_texts = {
            "summary": _("Was wollen Sie tun? Zwei bis fünf Sätze in einfacher Sprache genügen."),
            "goals": _("Was soll sich durch das Projekt verändern?"),
            "target_group": _("Wen wollen Sie erreichen, und wie viele Menschen ungefähr?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        programme = self.instance.call.programme
        if programme.unit_rate is None:
            del self.fields["units_planned"]
            return
        self.fields["units_planned"].label = _("geplante Einheiten (%(unit)s)") % {
            "unit": programme.unit_name
        }
        self.fields["units_planned"].help_text = _(
            "Das Programm fördert mit einem Festbetrag von %(rate)s je %(unit)s. Die beantragte "
            "Förderung ist dieser Satz mal die geplanten Einheiten."
        ) % {"rate": format_euro(programme.unit_rate), "unit": programme.unit_name}


def with_blank(choices):
    """An empty first choice, so that an untouched extra row stays empty and is skipped."""
    return [("", BLANK_CHOICE_LABEL), *choices]


class CostLineForm(forms.Form):
    category = forms.ChoiceField(label=_("Kostenart"), choices=with_blank(CostCategory.choices))
    description = forms.CharField(label=_("Beschreibung"), max_length=300)
    amount = money_field(_("Betrag (Euro)"))


class FinancingLineForm(forms.Form):
    kind = forms.ChoiceField(label=_("Art der Mittel"), choices=with_blank(FinancingKind.choices))
    source_name = forms.CharField(label=_("Geldgeber"), max_length=200, required=False)
    description = forms.CharField(label=_("Beschreibung"), max_length=300, required=False)
    amount = money_field(_("Betrag (Euro)"))

    def clean(self):
        cleaned = super().clean()
        named = (FinancingKind.FOUNDATION, FinancingKind.PUBLIC)
        if cleaned.get("kind") in named and not cleaned.get("source_name"):
            self.add_error(
                "source_name", _("Bitte nennen Sie die Stiftung oder die öffentliche Stelle.")
            )
        return cleaned


CostLineFormSet = forms.formset_factory(CostLineForm, extra=2, can_delete=True, max_num=50)
FinancingLineFormSet = forms.formset_factory(
    FinancingLineForm, extra=2, can_delete=True, max_num=50
)


class AttachmentForm(forms.Form):
    required_document = forms.ModelChoiceField(
        label=_("Art der Unterlage"),
        queryset=RequiredDocument.objects.none(),
        required=False,
        empty_label=_("sonstige Unterlage"),
    )
    file = forms.FileField(label=_("Datei"))

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, Bild (PNG, JPEG, WebP) oder Office-Dokument, höchstens %(limit)s."
        ) % {"limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
        self.fields["required_document"].queryset = programme.required_documents.all()
