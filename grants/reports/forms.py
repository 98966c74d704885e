"""Forms of the report in the portal: Sachbericht, actuals per plan line, Belegliste, import."""

from collections import Counter
from decimal import Decimal

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from core.forms import BoundedDateField, LocalizedDecimalField
from grants.forms import MONEY_WIDGET, money_field, units_field, with_blank
from grants.models import Report
from grants.reports.receipts_import import MAX_ROWS
from grants.reports.rows import ReceiptRow
from grants.reports.rules import plan_line_name, receipt_date_refusal
from grants.reports.units import report_unit_name


class ReportForm(forms.ModelForm):
    """The Sachbericht (and, in the final report of a per-unit grant, the units delivered);
    saved as a draft even when incomplete."""

    units_actual = units_field(_("erbrachte Einheiten"))

    class Meta:
        model = Report
        fields = ["work_done", "what_worked", "what_did_not", "units_actual"]
        widgets = {
            "work_done": forms.Textarea(attrs={"rows": 5}),
            "what_worked": forms.Textarea(attrs={"rows": 4}),
            "what_did_not": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "work_done": _("Welche Angebote gab es, wie oft, und wen haben Sie erreicht?"),
            "what_worked": _("Was hat die Teilnehmenden weitergebracht?"),
            "what_did_not": _("Was lief anders als geplant? Was ändern Sie deshalb?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unit = report_unit_name(self.instance)
        if unit is None:
            del self.fields["units_actual"]
            return
        self.fields["units_actual"].label = _("erbrachte Einheiten (%(unit)s)") % {"unit": unit}
        self.fields["units_actual"].help_text = _(
            "Die Zuwendung ist der Festbetrag je Einheit mal die erbrachten Einheiten, "
            "höchstens der bewilligte Betrag."
        )


class ActualsForm(forms.Form):
    """The actual amount and a comment for each line of the cost or financing plan."""

    def __init__(self, *args, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            name = plan_line_name(line)
            self.fields[f"amount_{line.pk}"] = money_field(
                _("%(line)s: tatsächlicher Betrag (Euro)") % {"line": name}, required=False
            )
            self.fields[f"comment_{line.pk}"] = forms.CharField(
                label=_("%(line)s: Erläuterung") % {"line": name}, max_length=500, required=False
            )

    def rows(self):
        """(plan line, amount field, comment field) for each line, in plan order."""
        return [
            (line, self[f"amount_{line.pk}"], self[f"comment_{line.pk}"]) for line in self.lines
        ]

    def amounts(self) -> dict[int, Decimal | None]:
        return {line.pk: self.cleaned_data.get(f"amount_{line.pk}") for line in self.lines}

    def comments(self) -> dict[int, str]:
        return {line.pk: self.cleaned_data.get(f"comment_{line.pk}", "") for line in self.lines}


def actuals_initial(actuals) -> dict:
    """Initial data of an ActualsForm from saved CostActual or IncomeActual rows."""
    initial = {}
    for actual in actuals:
        line_id = getattr(actual, "cost_line_id", None) or actual.financing_line_id
        initial[f"amount_{line_id}"] = actual.amount
        initial[f"comment_{line_id}"] = actual.comment
    return initial


class ReceiptForm(forms.Form):
    # The largest number every database stores in the receipt's PositiveIntegerField.
    number = forms.IntegerField(
        label=_("Nr."), min_value=1, max_value=2_147_483_647, required=False
    )
    date = BoundedDateField(label=_("Datum"))
    payee = forms.CharField(label=_("Zahlungsempfänger"), max_length=200)
    purpose = forms.CharField(label=_("Zweck"), max_length=300)
    amount = LocalizedDecimalField(
        label=_("Betrag (Euro)"),
        min_value=Decimal("0.01"),
        max_digits=14,
        decimal_places=2,
        widget=MONEY_WIDGET,
    )
    cost_line = forms.TypedChoiceField(
        label=_("Kostenposition"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, cost_line_choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Plain choices from the prefetched lines: no query per row of the formset.
        self.fields["cost_line"].choices = with_blank(cost_line_choices)

    def clean_date(self):
        day = self.cleaned_data["date"]
        refusal = receipt_date_refusal(day)
        if refusal:
            raise ValidationError(refusal)
        return day


class BaseReceiptFormSet(forms.BaseFormSet):
    def clean(self):
        numbers = [
            form.cleaned_data["number"]
            for form in self.forms
            if form.cleaned_data.get("number") and not self._should_delete_form(form)
        ]
        duplicates = sorted(n for n, count in Counter(numbers).items() if count > 1)
        if duplicates:
            raise ValidationError(
                _("Diese Belegnummern kommen mehrfach vor: %(numbers)s.")
                % {"numbers": ", ".join(map(str, duplicates))}
            )


# A receipt row posts up to 7 fields; the rest of the page up to about 200 (50 lines per plan).
FIELDS_PER_RECEIPT = 7
FIELDS_RESERVED = 200
EXTRA_RECEIPT_ROWS = 2


def receipts_form_limit() -> int:
    """How many receipts the form can show without passing DATA_UPLOAD_MAX_NUMBER_FIELDS.

    Longer lists are shown read-only and changed by importing a file.
    """
    fields = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    if fields is None:
        return MAX_ROWS
    rows = (fields - FIELDS_RESERVED) // FIELDS_PER_RECEIPT - EXTRA_RECEIPT_ROWS
    return max(0, min(MAX_ROWS, rows))


ReceiptFormSet = forms.formset_factory(
    ReceiptForm,
    formset=BaseReceiptFormSet,
    extra=EXTRA_RECEIPT_ROWS,
    can_delete=True,
    max_num=MAX_ROWS,
    validate_max=True,
)


def receipts_initial(receipts) -> list[dict]:
    return [
        {
            "number": r.number,
            "date": r.date,
            "payee": r.payee,
            "purpose": r.purpose,
            "amount": r.amount,
            "cost_line": r.cost_line_id,
        }
        for r in receipts
    ]


def receipt_rows(formset) -> list[ReceiptRow]:
    """The filled-in, not deleted rows of the Belegliste."""
    return [
        ReceiptRow(
            number=row.get("number"),
            date=row["date"],
            payee=row["payee"],
            purpose=row["purpose"],
            amount=row["amount"],
            cost_line_id=row.get("cost_line"),
        )
        for row in formset.cleaned_data
        if row and not row.get("DELETE")
    ]


class ReceiptsImportForm(forms.Form):
    file = forms.FileField(label=_("Belegliste als Datei (Excel oder CSV)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "XLSX oder CSV (UTF-8), höchstens %(limit)s, mit einer Kopfzeile mit den Spalten "
            "Datum, Zahlungsempfänger, Zweck und Betrag. Die Belege werden in dieser "
            "Reihenfolge nummeriert und ersetzen die bisherige Belegliste."
        ) % {"limit": filesizeformat(settings.ATTACHMENT_MAX_BYTES)}
