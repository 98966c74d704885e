"""Trigram indexes for the staff list's text search (reference, title, organisation), on
PostgreSQL only: `icontains` there is `UPPER(column::text) LIKE UPPER('%…%')`, which a GIN
index over the same expression with gin_trgm_ops answers without reading the table. pg_trgm
is a trusted extension (PostgreSQL 13+): the database's owner may create it. SQLite has no
such index and searches by scanning, which is fine at its sizes."""

from django.db import migrations

INDEXES = [
    ("application_reference_trgm", "grants_application", "reference"),
    ("application_title_trgm", "grants_application", "title"),
    ("organisation_name_trgm", "applicants_organisation", "name"),
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, column in INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin (UPPER("{column}"::text) gin_trgm_ops)'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _column in INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):
    dependencies = [
        ("grants", "0009_staff_list_indexes"),
        ("applicants", "0002_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
