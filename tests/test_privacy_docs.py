"""The record of processing activities names the retention periods the code applies."""

import re
from pathlib import Path

from django.conf import settings

DOCS = Path(settings.BASE_DIR) / "docs"
ROW = re.compile(r"^\|\s*`(?P<key>\w+)`\s*\|.*\|\s*(?P<years>\d+) Jahre?\s*\|\s*$")


def retention_table(text: str) -> dict[str, int]:
    return {
        match["key"]: int(match["years"])
        for line in text.splitlines()
        if (match := ROW.match(line))
    }


def test_the_record_of_processing_activities_and_the_settings_agree():
    text = (DOCS / "verarbeitungsverzeichnis.md").read_text(encoding="utf-8")
    assert retention_table(text) == settings.RETENTION_YEARS


def test_the_privacy_documents_exist_and_link_each_other():
    record = (DOCS / "verarbeitungsverzeichnis.md").read_text(encoding="utf-8")
    assert "(datenschutz.md)" in record and "(backup.md)" in record
    for name in ("datenschutz.md", "backup.md"):
        assert "anonymise_due" in (DOCS / name).read_text(encoding="utf-8")
