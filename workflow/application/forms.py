"""Forms of the staff tasks of the application flow."""

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import FieldSet, Layout

from core.formatting import format_euro
from grants.forms import money_field
from grants.models import SCORE_MAX, DecisionOutcome, Recommendation
from grants.services.terms import Exclusion, excluded_field, reason_field

SCORE_CHOICES = [(n, str(n)) for n in range(SCORE_MAX + 1)]


class FormalCheckForm(forms.Form):
    result = forms.ChoiceField(
        label=_("Ergebnis"),
        choices=[
            ("complete", _("Vollständig – weiter zur fachlichen Prüfung und Haushaltsprüfung")),
            ("revision", _("Nachforderung – der Antragsteller muss nachbessern")),
        ],
        widget=forms.RadioSelect,
    )
    message = forms.CharField(
        label=_("Nachricht an den Antragsteller"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Bei einer Nachforderung: was fehlt oder geändert werden muss."),
    )


class ReviewForm(forms.Form):
    """One score field per criterion of the programme, then the assessment."""

    assessment = forms.CharField(label=_("Bewertung"), widget=forms.Textarea(attrs={"rows": 6}))
    recommendation = forms.ChoiceField(
        label=_("Votum"), choices=Recommendation.choices, widget=forms.RadioSelect
    )
    recommended_amount = money_field(_("empfohlener Betrag (bei Teilbewilligung)"), required=False)
    no_conflict_of_interest = forms.BooleanField(
        label=_(
            "Ich erkläre, dass kein Interessenkonflikt besteht (keine Mitgliedschaft, "
            "keine persönliche oder wirtschaftliche Verbindung zum Antragsteller)."
        ),
        required=False,
    )

    def __init__(self, *args, criteria, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        score_fields = {
            f"score_{c.pk}": forms.TypedChoiceField(
                label=_("%(name)s (Gewicht %(weight)s)") % {"name": c.name, "weight": c.weight},
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=c.description,
            )
            for c in self.criteria
        }
        self.fields = {**score_fields, **self.fields}

    def review_data(self) -> dict:
        data = self.cleaned_data
        return {
            "scores": {c.pk: data[f"score_{c.pk}"] for c in self.criteria},
            "assessment": data["assessment"],
            "recommendation": data["recommendation"],
            "recommended_amount": data.get("recommended_amount"),
            "no_conflict_of_interest": data["no_conflict_of_interest"],
        }


class BudgetCheckForm(forms.Form):
    """An amount field per budget line of the programme; the label shows the free funds."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            self.fields[f"line_{line.pk}"] = money_field(
                _("%(line)s – frei: %(free)s") % {"line": line, "free": format_euro(line.free)},
                required=False,
            )

    def allocations(self):
        return [
            (line, self.cleaned_data[f"line_{line.pk}"])
            for line in self.lines
            if self.cleaned_data.get(f"line_{line.pk}")
        ]


class DecisionForm(forms.Form):
    """The decision; on an approval, per cost line an optional amount found not eligible
    (zuwendungsfähige Ausgaben) with its reason."""

    outcome = forms.ChoiceField(
        label=_("Entscheidung"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    approved_amount = money_field(_("bewilligter Betrag (bei Teilbewilligung)"), required=False)
    reasons = forms.CharField(
        label=_("Begründung"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Pflicht bei Teilbewilligung und Ablehnung; sie steht im Bescheid."),
    )

    def __init__(self, *args, cost_lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.cost_lines = list(cost_lines)
        for line in self.cost_lines:
            amount = money_field(
                _("%(line)s: nicht zuwendungsfähig (Euro)") % {"line": line.description},
                required=False,
            )
            amount.help_text = _("Betrag laut Kostenplan: %(amount)s") % {
                "amount": format_euro(line.amount)
            }
            self.fields[excluded_field(line.pk)] = amount
            self.fields[reason_field(line.pk)] = forms.CharField(
                label=_("Grund zu „%(line)s“") % {"line": line.description},
                required=False,
                max_length=500,
            )

    def exclusions(self) -> list[Exclusion]:
        """The lines with an excluded amount or a reason (the service checks both)."""
        data = self.cleaned_data
        rows = []
        for line in self.cost_lines:
            amount = data.get(excluded_field(line.pk))
            reason = data.get(reason_field(line.pk)) or ""
            if amount or reason.strip():
                rows.append(Exclusion(cost_line_id=line.pk, amount=amount, reason=reason))
        return rows

    def layout(self) -> Layout:
        """Decision first, then the section of the eligible costs: per cost line the excluded
        amount and its reason, each the full width (the labels name the line)."""
        rows = [
            name
            for line in self.cost_lines
            for name in (excluded_field(line.pk), reason_field(line.pk))
        ]
        if not rows:
            return Layout("outcome", "approved_amount", "reasons")
        return Layout(
            "outcome",
            "approved_amount",
            "reasons",
            FieldSet(_("Zuwendungsfähige Ausgaben (bei Bewilligung)"), *rows),
        )


class PanelAssignForm(forms.Form):
    """The jury of a case: exactly `size` of the reviewers allowed to review it (the service
    checks the number and each reviewer again)."""

    reviewers = forms.TypedMultipleChoiceField(
        label=_("Gutachtende"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, candidates, size: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = {user.pk: user for user in candidates}
        field = self.fields["reviewers"]
        field.label = _("Gutachtende (genau %(size)s)") % {"size": size}
        field.help_text = _(
            "Zur Wahl stehen alle Gutachtenden, die diesen Antrag begutachten dürfen; zuerst "
            "die mit den wenigsten offenen Jurybewertungen."
        )
        field.choices = [
            (
                user.pk,
                _("%(name)s – offene Jurybewertungen: %(open)s")
                % {
                    "name": user.get_full_name() or user.email,
                    "open": user.open_seats,
                },
            )
            for user in candidates
        ]

    def chosen(self) -> list:
        return [self.candidates[pk] for pk in self.cleaned_data["reviewers"]]
