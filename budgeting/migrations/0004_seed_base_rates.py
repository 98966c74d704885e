"""Seed the Basiszinssatz (§ 247 BGB) from 2023 on; staff extend the table in the admin."""

import datetime
from decimal import Decimal

from django.db import migrations

BUNDESBANK = "Deutsche Bundesbank"

RATES = [
    (datetime.date(2023, 1, 1), Decimal("1.62"), BUNDESBANK),
    (datetime.date(2023, 7, 1), Decimal("3.12"), BUNDESBANK),
    (datetime.date(2024, 1, 1), Decimal("3.62"), BUNDESBANK),
    (datetime.date(2024, 7, 1), Decimal("3.37"), BUNDESBANK),
    (datetime.date(2025, 1, 1), Decimal("2.27"), BUNDESBANK),
    (datetime.date(2025, 7, 1), Decimal("1.27"), BUNDESBANK),
    (datetime.date(2026, 1, 1), Decimal("1.27"), "Deutsche Bundesbank, bitte prüfen"),
]


def seed_base_rates(apps, schema_editor):
    BaseRate = apps.get_model("budgeting", "BaseRate")
    for valid_from, rate, source in RATES:
        BaseRate.objects.update_or_create(
            valid_from=valid_from, defaults={"rate": rate, "source": source}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("budgeting", "0003_base_rates"),
    ]

    operations = [
        migrations.RunPython(seed_base_rates, migrations.RunPython.noop),
    ]
