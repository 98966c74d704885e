from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("workflow", "0005_export_job"),
    ]

    operations = [
        migrations.AddField(
            model_name="exportjob",
            name="filename",
            field=models.CharField(default="export.xlsx", max_length=100, verbose_name="Dateiname"),
            preserve_default=False,
        ),
    ]
