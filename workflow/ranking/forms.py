from django import forms
from django.utils.translation import gettext_lazy as _

from budgeting.ranking.selectors import ranking_calls


class CallChoiceForm(forms.Form):
    call = forms.ModelChoiceField(
        label=_("Förderaufruf"),
        queryset=ranking_calls(),
        empty_label=_("– bitte wählen –"),
    )
