"""Numbers that a browser reads back – keys, page numbers, years in links, values and ids –
are written without the German thousands separator: `?call=1.025` names no call, and page
1.001 of a list of 100,000 applications would not exist."""

import re
from pathlib import Path

from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# A key, id, page number, number or year printed inside an attribute a browser sends back.
ATTRIBUTE_NUMBER = re.compile(
    r'(?:href|value|id|for|aria-[a-z]+|data-[a-z-]+|name|action|max|min)="[^"]*'
    r"\{\{ ([^}]*?(?:pk|_id|\.id|page_number|number|year|done|total)[^}]*?) \}\}"
)


def test_numbers_in_attributes_are_not_localised():
    offending = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            for expression in ATTRIBUTE_NUMBER.findall(line):
                form_ids = expression.endswith((".auto_id", ".id_for_label"))  # text
                if "unlocalize" not in expression and not form_ids:
                    offending.append(f"{path.relative_to(TEMPLATES)}:{number}: {expression}")
    assert offending == []


def test_the_check_finds_a_localised_key():
    assert ATTRIBUTE_NUMBER.findall('<a href="?call={{ call.pk }}">') == ["call.pk"]
