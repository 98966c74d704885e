"""The portal's idea form: what, for whom, where, when, and a rough cost."""

from django import forms
from django.utils.translation import gettext_lazy as _

from grants.forms import money_field
from grants.models import Idea


class IdeaForm(forms.ModelForm):
    """What, for whom, where, when, and a rough cost."""

    rough_cost = money_field(_("ungefähre Kosten (Euro)"))

    class Meta:
        model = Idea
        fields = ["programme", "title", "description", "target_group", "place", "timeframe"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "title": _("Ein kurzer Arbeitstitel genügt."),
            "description": _("Ein paar Sätze: was Sie vorhaben und warum."),
            "timeframe": _("z. B. „Frühjahr 2027“ oder „ab März, etwa sechs Monate“."),
        }

    field_order = [*Meta.fields, "rough_cost"]

    def __init__(self, *args, programmes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programmes
        self.fields["programme"].empty_label = None if programmes.count() == 1 else "---------"
