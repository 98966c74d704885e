"""The budget sheet's row sheets as exports of the shared writer (core.exports): the grants of a
year per budget line, and the bookings of a year; both read with a fixed number of queries."""

from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from budgeting.models import LedgerEntry, LedgerEntryKind
from budgeting.models.line import amount_field, line_label
from core.exports import DATE, MONEY, TEXT, Export
from core.money import ZERO

CHUNK_SIZE = 5000
LINE_COLUMNS = (
    "budget_line__year",
    "budget_line__programme__name",
    "budget_line__source__name",
    "budget_line__produkt",
    "budget_line__kostenstelle",
    "budget_line__sachkonto",
)


def _sum(kind):
    return Sum("amount", filter=Q(kind=kind), default=ZERO, output_field=amount_field())


def grants_query(year: int):
    """Per grant and budget line of the year: the sums of its commitments, releases, payouts."""
    return (
        LedgerEntry.objects.filter(budget_line__year=year, application__isnull=False)
        .values(
            "application__reference",
            "application__organisation__name",
            "application__call__programme__name",
            "budget_line_id",
            *LINE_COLUMNS,
        )
        .annotate(
            committed=_sum(LedgerEntryKind.COMMITMENT),
            released=_sum(LedgerEntryKind.RELEASE),
            paid=_sum(LedgerEntryKind.PAYOUT),
        )
        .order_by("application__reference", "budget_line_id")
    )


def grants_sheet(year: int) -> Export:
    """One row per grant and budget line of the year: committed (net), paid, open."""

    def row(values):
        committed = values["committed"] - values["released"]
        return [
            values["application__reference"] or "",
            values["application__organisation__name"],
            values["application__call__programme__name"],
            line_label(*(values[column] for column in LINE_COLUMNS)),
            committed,
            values["paid"],
            committed - values["paid"],
        ]

    return Export(
        title=_("Bewilligungen"),
        header=[
            _("Aktenzeichen"),
            _("Organisation"),
            _("Förderprogramm"),
            _("Haushaltsstelle"),
            _("gebunden"),
            _("ausgezahlt"),
            _("offene Bindung"),
        ],
        kinds=[TEXT, TEXT, TEXT, TEXT, MONEY, MONEY, MONEY],
        rows=(row(values) for values in grants_query(year).iterator(chunk_size=CHUNK_SIZE)),
    )


def bookings_query(year: int):
    """The ledger entries on the year's budget lines, oldest first, as plain tuples."""
    return (
        LedgerEntry.objects.filter(budget_line__year=year)
        .order_by("booked_at", "pk")
        .values_list("booked_at", "kind", *LINE_COLUMNS, "application__reference", "amount", "note")
    )


def bookings_sheet(year: int, track=None) -> Export:
    """The bookings of the year; `track` wraps the rows (a background job counts them)."""
    labels = dict(LedgerEntryKind.choices)
    rows = (
        [
            timezone.localdate(booked_at),
            str(labels[kind]),
            line_label(*line),
            reference or "",
            amount,
            note,
        ]
        for booked_at, kind, *line, reference, amount, note in bookings_query(year).iterator(
            chunk_size=CHUNK_SIZE
        )
    )
    return Export(
        title=_("Buchungen"),
        header=booking_header(),
        kinds=BOOKING_KINDS,
        rows=track(rows) if track else rows,
    )


def booking_header() -> list[str]:
    return [
        _("gebucht am"),
        _("Buchungsart"),
        _("Haushaltsstelle"),
        _("Aktenzeichen"),
        _("Betrag"),
        _("Vermerk"),
    ]


BOOKING_KINDS = [DATE, TEXT, TEXT, TEXT, MONEY, TEXT]
