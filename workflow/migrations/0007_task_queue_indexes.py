"""Indexes on viewflow's own tables for the inbox and the queue (issue 8).

viewflow reads them with `status = 'NEW'` (or ASSIGNED) ordered by `created`, filtered by the
task's type, permission and owner and joined to processes of one flow class; with a million
tasks its indexes on single columns read the table row by row. These indexes let a database
answer from the index: on PostgreSQL the filter columns are included, SQLite (which has no
INCLUDE) takes them as further key columns."""

from django.db import migrations

TASK_COLUMNS = ("process_id", "flow_task_type", "owner_permission", "owner_id", "flow_task")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        task = f'("status", "created") INCLUDE ({", ".join(TASK_COLUMNS)})'
    else:
        task = f'("status", "created", {", ".join(TASK_COLUMNS)})'
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "workflow_task_open" ON "viewflow_task" {task}')
    schema_editor.execute(
        'CREATE INDEX IF NOT EXISTS "workflow_process_flow" '
        'ON "viewflow_process" ("flow_class", "id")'
    )


def drop(apps, schema_editor):
    schema_editor.execute('DROP INDEX IF EXISTS "workflow_task_open"')
    schema_editor.execute('DROP INDEX IF EXISTS "workflow_process_flow"')


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0006_export_job_filename"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunPython(create, drop)]
