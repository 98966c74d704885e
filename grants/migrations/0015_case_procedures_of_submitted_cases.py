"""Cases submitted before procedures existed ran the one fixed path: record it as their procedure."""

from django.db import migrations

FIELDS = (
    "idea_stage",
    "review_mode",
    "panel_size",
    "spread_threshold",
    "decision_mode",
    "light_limit",
    "proof_of_use",
    "sample_share",
)


def fix_procedures(apps, schema_editor):
    Application = apps.get_model("grants", "Application")
    CaseProcedure = apps.get_model("grants", "CaseProcedure")
    submitted = Application.objects.filter(submitted_at__isnull=False, procedure__isnull=True)
    for application in submitted.select_related("call__programme").iterator():
        programme = application.call.programme
        procedure = CaseProcedure.objects.create(
            programme=programme, **{name: getattr(programme, name) for name in FIELDS}
        )
        Application.objects.filter(pk=application.pk).update(procedure=procedure)


class Migration(migrations.Migration):
    dependencies = [("grants", "0014_procedures_ideas_panels_samples")]

    operations = [migrations.RunPython(fix_procedures, migrations.RunPython.noop)]
