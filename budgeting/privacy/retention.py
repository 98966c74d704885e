"""Retention periods: when the period of one record ends, and the sentence that says so."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

KIND_LABELS = {
    "grant_file": gettext_lazy("Zuwendungsakte"),
    "budget_record": gettext_lazy("Haushaltsbuchung"),
    "rejected_application": gettext_lazy("abgelehnter Antrag"),
    "withdrawn_application": gettext_lazy("zurückgezogener Antrag"),
    "draft": gettext_lazy("Entwurf"),
    "inactive_account": gettext_lazy("Benutzerkonto"),
    "unknown": gettext_lazy("Datensatz ohne festgelegte Frist"),
}


def retention_years(kind: str) -> int | None:
    return settings.RETENTION_YEARS.get(kind)


def retention_end(start: date, years: int) -> date:
    """The last day of the period: it runs from the end of the start's calendar year."""
    return date(start.year + years, 12, 31)


@dataclass(frozen=True)
class Retention:
    """One record about a person: what it is, what kind of period, and from when."""

    kind: str
    name: str
    start: date | None  # None: the case is still running, the period has not begun

    @property
    def years(self) -> int | None:
        return retention_years(self.kind)

    @property
    def ends_on(self) -> date | None:
        if self.start is None or self.years is None:
            return None
        return retention_end(self.start, self.years)

    def is_due(self, today: date) -> bool:
        return self.ends_on is not None and today > self.ends_on

    def reason(self, today: date) -> str:
        what = f"{self.name} ({KIND_LABELS.get(self.kind, self.kind)})"
        if self.years is None:
            return _("%(what)s: keine Aufbewahrungsfrist festgelegt.") % {"what": what}
        if self.start is None:
            return _(
                "%(what)s: Der Vorgang läuft noch; die Aufbewahrungsfrist hat nicht begonnen."
            ) % {"what": what}
        values = {"what": what, "years": self.years, "end": self.ends_on.strftime("%d.%m.%Y")}
        if self.is_due(today):
            return _("%(what)s: Aufbewahrungsfrist (%(years)s Jahre) endete am %(end)s.") % values
        return _("%(what)s: Aufbewahrungsfrist (%(years)s Jahre) läuft bis %(end)s.") % values
