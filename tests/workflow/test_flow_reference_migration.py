"""workflow 0008: the references viewflow stores for the flows and their tasks follow the flows
into their packages (and back)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from viewflow.workflow.models import Process, Task

from workflow.application.flow import ApplicationFlow
from workflow.change.flow import ChangeFlow

BEFORE = [("workflow", "0007_task_queue_indexes")]
AFTER = [("workflow", "0008_flow_references")]


def _stored(table, column):
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "{column}" FROM "{table}" ORDER BY "id"')  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


# serialized_rollback: the flush after this test leaves the migrated data (districts, content
# types) in place for the live-server tests that follow.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_stored_flow_and_task_references_follow_the_modules():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    process_model = old_apps.get_model("viewflow", "Process")
    task_model = old_apps.get_model("viewflow", "Task")
    application = process_model.objects.create(flow_class="workflow/flows.ApplicationFlow")
    change = process_model.objects.create(flow_class="workflow/change_flow.ChangeFlow")
    other = process_model.objects.create(flow_class="elsewhere/flows.ApplicationFlow")
    for process, ref in (
        (application, "workflow/flows.ApplicationFlow.formal_check"),
        (change, "workflow/change_flow.ChangeFlow.decide"),
        (other, "elsewhere/flows.ApplicationFlow.formal_check"),
    ):
        task_model.objects.create(process=process, flow_task=ref, flow_task_type="HUMAN")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    assert _stored("viewflow_process", "flow_class") == [
        "workflow/application.flow.ApplicationFlow",
        "workflow/change.flow.ChangeFlow",
        "elsewhere/flows.ApplicationFlow",
    ]
    assert _stored("viewflow_task", "flow_task") == [
        "workflow/application.flow.ApplicationFlow.formal_check",
        "workflow/change.flow.ChangeFlow.decide",
        "elsewhere/flows.ApplicationFlow.formal_check",
    ]
    # what viewflow reads back is the flow and its node
    assert Process.objects.get(pk=application.pk).flow_class is ApplicationFlow
    assert Task.objects.get(process_id=change.pk).flow_task is ChangeFlow.decide

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    assert _stored("viewflow_process", "flow_class")[:2] == [
        "workflow/flows.ApplicationFlow",
        "workflow/change_flow.ChangeFlow",
    ]
    assert _stored("viewflow_task", "flow_task")[:2] == [
        "workflow/flows.ApplicationFlow.formal_check",
        "workflow/change_flow.ChangeFlow.decide",
    ]
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
