"""Forms of the payout flow: the applicant's payment request and the three sign-offs."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.formatting import format_date
from core.forms import BoundedDateField
from grants.forms import money_field


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
