from django.db import migrations

# Wuppertal's ten Stadtbezirke with their official numbers.
DISTRICTS = [
    (0, "Elberfeld"),
    (1, "Elberfeld-West"),
    (2, "Uellendahl-Katernberg"),
    (3, "Vohwinkel"),
    (4, "Cronenberg"),
    (5, "Barmen"),
    (6, "Oberbarmen"),
    (7, "Heckinghausen"),
    (8, "Langerfeld-Beyenburg"),
    (9, "Ronsdorf"),
]


def add_districts(apps, schema_editor):
    District = apps.get_model("core", "District")
    for number, name in DISTRICTS:
        District.objects.update_or_create(number=number, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(add_districts, migrations.RunPython.noop)]
