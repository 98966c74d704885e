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
from django.db.models import Min, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear

from budgeting.models import LedgerEntry, LedgerEntryKind
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


def _share(amount: str, parts: str) -> str:
    """SQL: amount / parts rounded half up (away from zero), in whole cents."""
    return (
        f"(CASE WHEN {amount} >= 0 THEN (2 * {amount} + {parts}) / (2 * {parts}) "
        f"ELSE -((2 * -{amount} + {parts}) / (2 * {parts})) END)"
    )


def _cents(kind: str) -> str:
    return f"SUM(CASE WHEN l.kind = '{kind}' THEN l.amount ELSE 0 END)"


def sums_query(grants: QuerySet[Application], themes: dict[int, int]) -> tuple[str, list]:
    """The one query; `themes` gives the number of themes of each programme that has any.

    The filtered grants are read once, into `g` (the ORM's SQL: filters and the local year of
    the decision); the ledger, the districts and the organisations' first years join it."""
    grant_sql, grant_params = _sql(
        Application.objects.filter(pk__in=grants.order_by().values("pk"))
        .annotate(year=ExtractYear("decision__decided_at"))
        .values_list("pk", "organisation_id", "call__programme_id", "year")
    )
    first_sql, first_params = _sql(
        Application.objects.filter(
            status__in=GRANTED_STATUSES,
            decision__isnull=False,
            organisation_id__in=RawSQL("SELECT organisation_id FROM g", ()),
        )
        .values("organisation_id")
        .annotate(first_year=Min(ExtractYear("decision__decided_at")))
        .values_list("organisation_id", "first_year")
    )
    kinds = LedgerEntryKind
    theme_parts = " ".join(f"WHEN {int(pk)} THEN {int(n)}" for pk, n in themes.items())
    ledger = LedgerEntry._meta.db_table
    through = Application.districts.through._meta.db_table
    share = _share("gm.a", "dd.parts")
    query = f"""
        WITH g(id, organisation_id, programme_id, year) AS ({grant_sql}),
        m AS (
            SELECT l.application_id,
                {_cents(kinds.COMMITMENT)} - {_cents(kinds.RELEASE)} AS approved,
                {_cents(kinds.PAYOUT)} AS payouts, {_cents(kinds.REFUND)} AS refunds
            FROM "{ledger}" l JOIN g ON g.id = l.application_id
            GROUP BY l.application_id
        ),
        f(organisation_id, first_year) AS ({first_sql}),
        gm AS (
            SELECT g.id, g.organisation_id, g.programme_id, CAST(g.year AS INTEGER) AS year,
                CAST(ROUND(COALESCE(m.approved, 0) * 100) AS BIGINT) AS a,
                CAST(ROUND(COALESCE(m.payouts, 0) * 100) AS BIGINT) AS p,
                CAST(ROUND(COALESCE(m.refunds, 0) * 100) AS BIGINT) AS r,
                CASE g.programme_id {theme_parts or "WHEN 0 THEN 1"} ELSE 1 END AS themes
            FROM g LEFT JOIN m ON m.application_id = g.id
        ),
        dd AS (
            SELECT d.application_id, d.district_id, dn.number,
                COUNT(*) OVER (PARTITION BY d.application_id) AS parts,
                MAX(dn.number) OVER (PARTITION BY d.application_id) AS last_number
            FROM "{through}" d
            JOIN g ON g.id = d.application_id
            JOIN "{District._meta.db_table}" dn ON dn.id = d.district_id
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
        SELECT 'district', gm.year, dd.district_id, {NONE},
            SUM(CASE WHEN dd.district_id IS NULL THEN gm.a
                WHEN dd.number = dd.last_number THEN gm.a - (dd.parts - 1) * {share}
                ELSE {share} END),
            {NONE}, {NONE}, {NONE}, {NONE}
        FROM gm LEFT JOIN dd ON dd.application_id = gm.id
        GROUP BY gm.year, dd.district_id
    """  # noqa: S608
    return query, [*grant_params, *first_params]


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
