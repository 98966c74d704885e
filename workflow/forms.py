"""Forms of the staff tasks."""

from django import forms
from django.utils.translation import gettext_lazy as _
from viewflow.forms import FieldSet, Layout

from core.formatting import format_date, format_euro
from core.forms import BoundedDateField
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


class SignoffForm(forms.Form):
    """Sign off, or send the request back with a reason."""

    decision = forms.ChoiceField(
        label=_("Ergebnis"),
        choices=[("ok", _("Ich zeichne den Mittelabruf.")), ("return", _("Zurückgeben"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Grund der Rückgabe"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReleaseForm(SignoffForm):
    payout_date = BoundedDateField(label=_("Auszahlungstag"), required=False)

    def __init__(self, *args, window=None, years=(), **kwargs):
        """`window`: the earliest and latest payout date (budgeting.services.payout);
        `years`: the fiscal years the grant has commitments in."""
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = [
            ("ok", _("Ich ordne die Auszahlung an.")),
            ("return", _("Zurückgeben")),
        ]
        if window is not None:
            earliest, latest = window
            field = self.fields["payout_date"]
            field.widget.attrs.update(min=earliest.isoformat(), max=latest.isoformat())
            field.help_text = _(
                "Leer: heute. Möglich vom %(earliest)s bis zum %(latest)s, in einem Jahr mit "
                "Bindungen dieser Zuwendung (%(years)s); gebucht wird im Jahr der Auszahlung."
            ) % {
                "earliest": format_date(earliest),
                "latest": format_date(latest),
                "years": ", ".join(str(year) for year in years) or "–",
            }


class PaymentRequestForm(forms.Form):
    amount = money_field(_("Betrag (Euro)"))
    purpose = forms.CharField(
        label=_("Wofür brauchen Sie das Geld in den nächsten zwei Monaten?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    needed_within_two_months = forms.BooleanField(
        label=_(
            "Ich bestätige: Wir geben das Geld innerhalb von zwei Monaten nach der Auszahlung "
            "für das Projekt aus."
        ),
        required=False,
    )
    confirm_duplicate = forms.BooleanField(
        label=_("Ja, ich möchte einen weiteren Mittelabruf über denselben Betrag senden."),
        required=False,
    )

    def __init__(self, *args, ask_duplicate: bool = False, **kwargs):
        """The confirmation of a second request over the same amount only once it is asked
        for (the service names the open request), or when it was sent with the form."""
        super().__init__(*args, **kwargs)
        self.asks_duplicate = ask_duplicate or bool(self.data.get("confirm_duplicate"))
        if not self.asks_duplicate:
            del self.fields["confirm_duplicate"]


def add_form_errors(form, error) -> None:
    """Put a service's ValidationError on the form: by field where it names one."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


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
