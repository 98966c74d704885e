"""Auszahlungsdatei: Finanzen downloads the released payouts of a period for the cash office."""

import datetime
import hashlib

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from budgeting.exports.payout_file import (
    payout_file_csv,
    payout_file_sepa,
    payout_file_xlsx,
    payout_rows,
)
from core.errors import NotAllowed
from core.forms import BoundedDateField
from core.roles import FINANCE, has_role

XLSX, CSV, SEPA = "xlsx", "csv", "sepa"
CONTENT_TYPES = {
    XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    CSV: "text/csv; charset=utf-8",
    SEPA: "application/xml",
}
EXTENSIONS = {XLSX: "xlsx", CSV: "csv", SEPA: "xml"}
WITHOUT_SKIPPED = "ohne"


class PayoutFileForm(forms.Form):
    von = BoundedDateField(label=gettext_lazy("Auszahlungstag von"))
    bis = BoundedDateField(label=gettext_lazy("Auszahlungstag bis"))
    format = forms.ChoiceField(
        label=gettext_lazy("Format"),
        choices=[
            (XLSX, gettext_lazy("Excel (XLSX) mit Buchungsdaten")),
            (CSV, gettext_lazy("CSV (Semikolon, UTF-8) mit Buchungsdaten")),
            (SEPA, gettext_lazy("SEPA-Überweisung (pain.001.001.09)")),
        ],
        initial=XLSX,
        widget=forms.RadioSelect,
    )
    ausfuehrungsdatum = BoundedDateField(
        label=gettext_lazy("Ausführungsdatum"),
        required=False,
        help_text=gettext_lazy("Nur für die SEPA-Datei: der Tag, an dem die Bank überweist."),
    )

    def clean(self):
        data = super().clean()
        if data.get("von") and data.get("bis") and data["bis"] < data["von"]:
            self.add_error("bis", _("Das Ende des Zeitraums liegt vor seinem Anfang."))
        if data.get("format") == SEPA:
            execution = data.get("ausfuehrungsdatum")
            if execution is None and "ausfuehrungsdatum" not in self.errors:
                self.add_error(
                    "ausfuehrungsdatum", _("Für die SEPA-Datei ist ein Ausführungsdatum nötig.")
                )
            elif execution and execution < timezone.localdate():
                self.add_error(
                    "ausfuehrungsdatum",
                    _("Das Ausführungsdatum darf nicht in der Vergangenheit liegen."),
                )
        return data


def _this_month(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    first = today.replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


class PayoutFileView(View):
    """GET form; with download=1 and valid fields the file is returned as an attachment."""

    template_name = "workflow/staff/payout_file.html"

    def get(self, request):
        if not has_role(request.user, FINANCE):
            raise NotAllowed(
                _("Die Auszahlungsdatei dürfen nur Mitarbeitende der Finanzen abrufen.")
            )
        if "download" not in request.GET:
            first, last = _this_month(timezone.localdate())
            form = PayoutFileForm(initial={"von": first, "bis": last, "format": XLSX})
            return render(request, self.template_name, {"form": form})
        form = PayoutFileForm(request.GET)
        context = {"form": form}
        if form.is_valid():
            data = form.cleaned_data
            rows = payout_rows(date_from=data["von"], date_to=data["bis"])
            try:
                content, skipped = self._content(rows, data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                context["skipped"] = skipped
                if content is None:
                    form.add_error(
                        None,
                        _(
                            "Keine der Auszahlungen kann in die SEPA-Datei. Die Gründe stehen "
                            "unten; bitte klären Sie die Bankverbindungen."
                        ),
                    )
                elif skipped and request.GET.get(WITHOUT_SKIPPED) != _skipped_key(skipped):
                    # The cash office must not miss a payout unnoticed: the left-out ones
                    # are shown first, the file comes with a second, explicit click.
                    query = request.GET.copy()
                    query[WITHOUT_SKIPPED] = _skipped_key(skipped)
                    context["download_without_skipped"] = query.urlencode()
                    return render(request, self.template_name, context)
                else:
                    return self._attachment(content, data)
        return render(request, self.template_name, context, status=400)

    @staticmethod
    def _attachment(content: bytes, data) -> HttpResponse:
        kind = data["format"]
        name = f"auszahlungen-{data['von']:%Y-%m-%d}-{data['bis']:%Y-%m-%d}"
        response = HttpResponse(content, content_type=CONTENT_TYPES[kind])
        response["Content-Disposition"] = f'attachment; filename="{name}.{EXTENSIONS[kind]}"'
        return response

    @staticmethod
    def _content(rows, data) -> tuple[bytes | None, list[tuple[str, str]]]:
        """The file and the payouts left out of it (only the SEPA file leaves any out)."""
        if not rows:
            raise ValidationError(_("Im gewählten Zeitraum gibt es keine Auszahlungen."))
        if data["format"] == XLSX:
            return payout_file_xlsx(rows), []
        if data["format"] == CSV:
            return payout_file_csv(rows).encode("utf-8"), []
        sepa = payout_file_sepa(rows, execution_date=data["ausfuehrungsdatum"])
        return sepa.xml, sepa.skipped


def _skipped_key(skipped: list[tuple[str, str]]) -> str:
    """Names the set of left-out payouts the user saw, so a second click cannot leave out
    others that became faulty in between."""
    text = "|".join(f"{label}:{reason}" for label, reason in skipped)
    return hashlib.sha256(text.encode()).hexdigest()[:16]
