"""The portfolio's money and counts summed in the database, in one query whatever the number of
grants (100,000 cases hold some 40,000 grants; reading each into Python took a second).

Every grant's money is first summed from the ledger, in whole cents, and then summed again per
year, per programme and per district. The splits follow core.money.split_money exactly: a
grant split over n parts gives each part but the last its amount / n rounded half up to the
cent, and the last part the rest. Summed over grants, the parts but the last of a programme's
themes are Σ round(a / n); the last is Σ a − (n − 1) · Σ round(a / n). Cents are integers in
SQL, so SQLite (which sums decimals as floats) rounds exactly like PostgreSQL.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import ExtractYear

from budgeting.models import LedgerEntry, LedgerEntryKind
from budgeting.models.line import amount_field
from core.models import District
from core.money import ZERO
from grants.models import GRANTED_STATUSES, Application


@dataclass(frozen=True)
class Counts:
    """The figures of one year (or of all years) in cents and counts."""

    grants: int
    approved: int
    payouts: int
    refunds: int
    organisations: int
    first_time: int


@dataclass
class Sums:
    years: dict[int, Counts] = field(default_factory=dict)
    total: Counts = Counts(0, 0, 0, 0, 0, 0)
    # (programme, year) → (Σ cents, Σ of the rounded shares a / n of the programme's n themes)
    programmes: dict[tuple[int, int], tuple[int, int]] = field(default_factory=dict)
    # (district or None, year) → cents
    districts: dict[tuple[int | None, int], int] = field(default_factory=dict)


NONE = "CAST(NULL AS BIGINT)"  # PostgreSQL types a bare NULL as text in a UNION


def cents_to_euro(cents: int) -> Decimal:
    return Decimal(int(cents)).scaleb(-2) if cents else ZERO


def _sql(queryset: QuerySet) -> tuple[str, tuple]:
    sql, params = queryset.order_by().query.sql_with_params()
    return sql, tuple(params)


def _ledger(kind: str) -> Sum:
    return Sum("amount", filter=Q(kind=kind), default=ZERO, output_field=amount_field())


def _share(amount: str, parts: str) -> str:
    """SQL: amount / parts rounded half up (away from zero), in whole cents."""
    return (
        f"(CASE WHEN {amount} >= 0 THEN (2 * {amount} + {parts}) / (2 * {parts}) "
        f"ELSE -((2 * -{amount} + {parts}) / (2 * {parts})) END)"
    )


def sums_query(grants: QuerySet[Application], themes: dict[int, int]) -> tuple[str, list]:
    """The one query; `themes` gives the number of themes of each programme that has any."""
    keys = grants.order_by().values("pk")
    parts = [
        (
            "g(id, organisation_id, programme_id, year)",
            Application.objects.filter(pk__in=keys)
            .annotate(year=ExtractYear("decision__decided_at"))
            .values_list("pk", "organisation_id", "call__programme_id", "year"),
        ),
        (
            "m(application_id, committed, payouts, refunds, released)",
            LedgerEntry.objects.filter(application_id__in=keys)
            .values("application_id")
            .annotate(
                committed=_ledger(LedgerEntryKind.COMMITMENT),
                payouts=_ledger(LedgerEntryKind.PAYOUT),
                refunds=_ledger(LedgerEntryKind.REFUND),
                released=_ledger(LedgerEntryKind.RELEASE),
            )
            .values_list("application_id", "committed", "payouts", "refunds", "released"),
        ),
        (
            "f(organisation_id, first_year)",
            Application.objects.filter(
                status__in=GRANTED_STATUSES,
                decision__isnull=False,
                organisation__in=grants.order_by().values("organisation_id"),
            )
            .values("organisation_id")
            .annotate(first_year=Min(ExtractYear("decision__decided_at")))
            .values_list("organisation_id", "first_year"),
        ),
        (
            "k(application_id, parts, last_number)",
            Application.districts.through.objects.filter(application_id__in=keys)
            .values("application_id")
            .annotate(parts=Count("district"), last_number=Max("district__number"))
            .values_list("application_id", "parts", "last_number"),
        ),
    ]
    ctes, params = [], []
    for name, queryset in parts:
        sql, part_params = _sql(queryset)
        ctes.append(f"{name} AS ({sql})")
        params.extend(part_params)
    theme_parts = (
        " ".join(f"WHEN {pk} THEN {int(n)}" for pk, n in themes.items()) or "WHEN 0 THEN 1"
    )
    district_table = Application.districts.through._meta.db_table
    share = _share("gm.a", "k.parts")
    # Built from the ORM's compiled SQL (its values stay parameters), integers and table names.
    query = f"""
        WITH {", ".join(ctes)},
        gm AS (
            SELECT g.id, g.organisation_id, g.programme_id, CAST(g.year AS INTEGER) AS year,
                CAST(ROUND(COALESCE(m.committed - m.released, 0) * 100) AS BIGINT) AS a,
                CAST(ROUND(COALESCE(m.payouts, 0) * 100) AS BIGINT) AS p,
                CAST(ROUND(COALESCE(m.refunds, 0) * 100) AS BIGINT) AS r,
                CASE g.programme_id {theme_parts or "WHEN 0 THEN 1"} ELSE 1 END AS themes
            FROM g LEFT JOIN m ON m.application_id = g.id
        ),
        figures AS (
            SELECT gm.*, CASE WHEN gm.year = CAST(f.first_year AS INTEGER)
                THEN gm.organisation_id END AS first_organisation
            FROM gm LEFT JOIN f ON f.organisation_id = gm.organisation_id
        )
        SELECT 'year', year, {NONE}, COUNT(*), SUM(a), SUM(p), SUM(r),
            COUNT(DISTINCT organisation_id), COUNT(DISTINCT first_organisation)
        FROM figures GROUP BY year
        UNION ALL
        SELECT 'total', {NONE}, {NONE}, COUNT(*), SUM(a), SUM(p), SUM(r),
            COUNT(DISTINCT organisation_id), COUNT(DISTINCT first_organisation)
        FROM figures
        UNION ALL
        SELECT 'programme', year, programme_id, {NONE}, SUM(a), SUM({_share("a", "themes")}),
            {NONE}, {NONE}, {NONE}
        FROM gm GROUP BY year, programme_id
        UNION ALL
        SELECT 'district', gm.year, d.district_id, {NONE},
            SUM(CASE WHEN d.district_id IS NULL THEN gm.a
                WHEN dn.number = k.last_number THEN gm.a - (k.parts - 1) * {share}
                ELSE {share} END),
            {NONE}, {NONE}, {NONE}, {NONE}
        FROM gm
        LEFT JOIN "{district_table}" d ON d.application_id = gm.id
        LEFT JOIN "{District._meta.db_table}" dn ON dn.id = d.district_id
        LEFT JOIN k ON k.application_id = gm.id
        GROUP BY gm.year, d.district_id
    """  # noqa: S608
    return query, params


def portfolio_sums(grants: QuerySet[Application], themes: dict[int, int]) -> Sums:
    sums = Sums()
    try:
        query = sums_query(grants, themes)
    except EmptyResultSet:  # a filter that can match nothing
        return sums
    with connection.cursor() as cursor:
        cursor.execute(*query)
        for kind, year, key, *values in cursor.fetchall():
            year = int(year) if year is not None else None
            if kind == "year":
                sums.years[year] = Counts(*(int(v or 0) for v in values))
            elif kind == "total":
                sums.total = Counts(*(int(v or 0) for v in values))
            elif kind == "programme":
                sums.programmes[(key, year)] = (int(values[1] or 0), int(values[2] or 0))
            else:
                sums.districts[(key, year)] = int(values[1] or 0)
    return sums
