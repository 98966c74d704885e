"""Forms of the staff's idea page: advice and the three outcomes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import DateInput
from grants.models import AdviceRecord, Call, Programme


class AdviceForm(forms.ModelForm):
    """One advice conversation (Projektberatung)."""

    class Meta:
        model = AdviceRecord
        fields = ["held_on", "channel", "people_present", "notes", "next_steps", "internal_note"]
        widgets = {
            "held_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 4}),
            "next_steps": forms.Textarea(attrs={"rows": 2}),
            "internal_note": forms.Textarea(attrs={"rows": 2}),
        }


MESSAGE_LABEL = _("Nachricht an die Organisation")


class IdeaInviteForm(forms.Form):
    call = forms.ModelChoiceField(label=_("Förderaufruf"), queryset=Call.objects.none())
    message = forms.CharField(label=MESSAGE_LABEL, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, calls, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["call"].queryset = calls


class IdeaReferForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("anderes Förderprogramm"), queryset=Programme.objects.none()
    )
    message = forms.CharField(label=MESSAGE_LABEL, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes


class IdeaDeclineForm(forms.Form):
    message = forms.CharField(label=MESSAGE_LABEL, widget=forms.Textarea(attrs={"rows": 3}))
