"""manage.py export_360giving writes the published grants as JSON or CSV."""

import csv
import json

import pytest
from django.core.management import CommandError, call_command

from tests.budgeting.opendata_factories import grant
from tests.budgeting.test_opendata_schema import errors

pytestmark = pytest.mark.django_db


def test_the_command_writes_a_valid_json_package_by_default(tmp_path, capsys):
    grant()
    grant(consent=False)
    target = tmp_path / "360giving.json"
    call_command("export_360giving", "--output", str(target))
    document = json.loads(target.read_text(encoding="utf-8"))
    assert len(document["grants"]) == 1
    assert errors(document) == []
    assert "1 Förderung im Format JSON geschrieben" in capsys.readouterr().out


def test_the_command_writes_csv(tmp_path, capsys):
    grant()
    grant(districts=(1, 2))
    target = tmp_path / "360giving.csv"
    call_command("export_360giving", "--output", str(target), "--format", "csv")
    with target.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert len(rows) == 2
    assert {row["Currency"] for row in rows} == {"EUR"}
    assert "2 Förderungen im Format CSV geschrieben" in capsys.readouterr().out


def test_without_published_grants_the_command_writes_nothing(tmp_path):
    target = tmp_path / "360giving.json"
    with pytest.raises(CommandError, match="Keine veröffentlichten Förderungen"):
        call_command("export_360giving", "--output", str(target))
    assert not target.exists()
