from django.db import migrations

# The department's fields of integration work.
THEMES = [
    ("sprache", "Sprache"),
    ("integrationskurse-beratung", "Integrationskurse und Beratung"),
    ("arbeit-ausbildung", "Arbeit und Ausbildung"),
    ("zusammenleben-quartier", "Zusammenleben im Quartier"),
    ("bildungschancen", "Bildungschancen"),
    ("demokratie-toleranz", "Demokratie und Toleranz"),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("grants", "Theme")
    for code, name in THEMES:
        Theme.objects.update_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]
    operations = [migrations.RunPython(add_themes, migrations.RunPython.noop)]
