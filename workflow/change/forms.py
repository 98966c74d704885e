"""Forms of the Änderungsantrag: the applicant's request and the two staff tasks."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import BoundedDateField
from grants.forms import money_field


class ChangeRequestForm(forms.Form):
    """The portal form; empty fields stay as they are."""

    reason = forms.CharField(
        label=_("Was soll sich ändern, und warum?"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    new_project_start = BoundedDateField(
        label=_("neuer Projektbeginn"),
        required=False,
        help_text=_("Leer lassen, wenn der Projektbeginn bleibt."),
    )
    new_project_end = BoundedDateField(
        label=_("neues Projektende"),
        required=False,
        help_text=_("Leer lassen, wenn das Projektende bleibt."),
    )
    new_amount = money_field(_("neue Zuwendung insgesamt (Euro)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_amount"].help_text = _(
            "Der gesamte Betrag, den Sie künftig erhalten möchten, nicht nur die Differenz. "
            "Leer lassen, wenn der Betrag bleibt."
        )


class ChangeCheckForm(forms.Form):
    """Sachbearbeitung: recommend the change, or reject it with a reason."""

    result = forms.ChoiceField(
        label=_("Ergebnis"),
        choices=[
            ("recommend", _("Befürworten – weiter zur Entscheidung (Bewilligung)")),
            ("reject", _("Ablehnen – der Änderungsantrag ist damit abgelehnt")),
        ],
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(
        label=_("Stellungnahme der Sachbearbeitung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Pflicht bei einer Ablehnung; sie ist dann die Begründung für den Träger."),
    )


class ChangeDecisionForm(forms.Form):
    """Bewilligung: approve (Änderungsbescheid) or reject with reasons."""

    outcome = forms.ChoiceField(
        label=_("Entscheidung"),
        choices=[
            ("approve", _("Bewilligen – der Änderungsbescheid wird erlassen")),
            ("reject", _("Ablehnen")),
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(
        label=_("Begründung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Pflicht bei einer Ablehnung."),
    )
