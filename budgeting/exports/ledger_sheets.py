"""The budget sheet's row sheets as exports of the shared writer (core.exports): the grants of a
year per budget line, and the bookings of a year; both read with a fixed number of queries.

Open commitment and open refund claim are two columns, never one signed figure: a grant paid
beyond its (net) commitment, after a settlement or a revocation, owes money back; that is a
claim, not a negative commitment. The open commitment of a grant on a line is committed − paid
where positive (else 0); the open claim is the principal of its open refund claims not yet
repaid, split over the lines as repayments will flow back (pro rata to the payouts, as
`budgeting.services.refund` books them)."""

from collections import defaultdict
from decimal import Decimal

from django.db.models import OuterRef, Q, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from budgeting.models import (
    LedgerEntry,
    LedgerEntryKind,
    RefundClaim,
    RefundStatus,
    Repayment,
)
from budgeting.models.line import amount_field, line_label
from budgeting.models.settlement import INTEREST_ONLY_REASONS
from core.exports import DATE, MONEY, TEXT, Export
from core.money import ZERO, round_money, split_money

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
            "application_id",
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


def open_commitment(committed: Decimal, paid: Decimal) -> Decimal:
    """What may still be paid on a commitment: committed − paid where positive; a grant paid
    beyond its commitment has no open commitment (the difference is a claim)."""
    return max(ZERO, committed - paid)


def open_commitments_by_line(year: int) -> dict[int, Decimal]:
    """Per budget line of the year: the sum of its grants' open commitments (one query)."""
    totals: dict[int, Decimal] = defaultdict(lambda: ZERO)
    per_grant = (
        LedgerEntry.objects.filter(budget_line__year=year, application__isnull=False)
        .values("application_id", "budget_line_id")
        .annotate(
            committed=_sum(LedgerEntryKind.COMMITMENT),
            released=_sum(LedgerEntryKind.RELEASE),
            paid=_sum(LedgerEntryKind.PAYOUT),
        )
        .order_by()
    )
    for values in per_grant.iterator(chunk_size=CHUNK_SIZE):
        totals[values["budget_line_id"]] += open_commitment(
            values["committed"] - values["released"], values["paid"]
        )
    return dict(totals)


def open_claims_by_grant_and_line(year: int) -> dict[tuple[int, int], Decimal]:
    """{(application id, budget line id): open principal} for the grants on lines of the year
    with an open refund claim; the principal is split pro rata to the payouts per line (over
    all years, as repayments are booked), and only the year's lines are kept (two queries)."""
    repaid = (
        Repayment.objects.filter(claim=OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(total=Sum("principal"))
        .values("total")
    )
    grants_of_year = LedgerEntry.objects.filter(budget_line__year=year).values("application_id")
    open_principal: dict[int, Decimal] = defaultdict(lambda: ZERO)
    claims = (
        RefundClaim.objects.filter(status=RefundStatus.OPEN, application__in=grants_of_year)
        .exclude(reason__in=INTEREST_ONLY_REASONS)
        .annotate(repaid=Subquery(repaid, output_field=amount_field()))
        .values_list("application_id", "amount", "repaid")
    )
    for application_id, amount, repaid_principal in claims:
        open_principal[application_id] += amount - (repaid_principal or ZERO)
    payouts: dict[int, dict[int, tuple[int, Decimal]]] = defaultdict(dict)
    rows = (
        LedgerEntry.objects.filter(
            application__in=[pk for pk, amount in open_principal.items() if amount > ZERO],
            kind=LedgerEntryKind.PAYOUT,
        )
        .values("application_id", "budget_line_id", "budget_line__year")
        .annotate(paid=Sum("amount", output_field=amount_field()))
        .order_by("application_id", "budget_line_id")
    )
    for values in rows:
        payouts[values["application_id"]][values["budget_line_id"]] = (
            values["budget_line__year"],
            round_money(values["paid"]),
        )
    result = {}
    for application_id, lines in payouts.items():
        ids = list(lines)
        parts = split_money(open_principal[application_id], [lines[pk][1] for pk in ids])
        for line_id, part in zip(ids, parts, strict=True):
            if lines[line_id][0] == year and part > ZERO:
                result[(application_id, line_id)] = part
    return result


def grants_sheet(year: int) -> Export:
    """One row per grant and budget line of the year: committed (net), paid, the open
    commitment (never negative) and the open refund claim (principal not yet repaid)."""
    claims = open_claims_by_grant_and_line(year)

    def row(values):
        committed = values["committed"] - values["released"]
        return [
            values["application__reference"] or "",
            values["application__organisation__name"],
            values["application__call__programme__name"],
            line_label(*(values[column] for column in LINE_COLUMNS)),
            committed,
            values["paid"],
            open_commitment(committed, values["paid"]),
            claims.get((values["application_id"], values["budget_line_id"]), ZERO),
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
            _("offene Rückforderung"),
        ],
        kinds=[TEXT, TEXT, TEXT, TEXT, MONEY, MONEY, MONEY, MONEY],
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
