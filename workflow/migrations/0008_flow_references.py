"""The flows moved into one package each (workflow/application/flow.py, …): viewflow stores a
flow as "app_label/module.Class" (Process.flow_class) and a task as
"app_label/module.Class.node" (Task.flow_task), so the stored references follow the modules."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat, Substr

# old reference -> new reference, as viewflow.workflow.fields.get_flow_ref writes them
MOVED = {
    "workflow/flows.ApplicationFlow": "workflow/application.flow.ApplicationFlow",
    "workflow/payout_flow.PayoutFlow": "workflow/payout.flow.PayoutFlow",
    "workflow/report_flow.ReportFlow": "workflow/report.flow.ReportFlow",
    "workflow/change_flow.ChangeFlow": "workflow/change.flow.ChangeFlow",
}


def rewrite(apps, pairs):
    process = apps.get_model("viewflow", "Process")
    task = apps.get_model("viewflow", "Task")
    for old, new in pairs:
        process.objects.filter(flow_class=old).update(flow_class=new)
        prefix = old + "."
        task.objects.filter(flow_task__startswith=prefix).update(
            flow_task=Concat(Value(new + "."), Substr("flow_task", len(prefix) + 1))
        )


def forwards(apps, schema_editor):
    rewrite(apps, MOVED.items())


def backwards(apps, schema_editor):
    rewrite(apps, ((new, old) for old, new in MOVED.items()))


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0007_task_queue_indexes"),
        ("viewflow", "0015_task_scheduled"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
