"""A catalogue filled for a test, as the translators will deliver it: the real header of
locale/<language> (its Plural-Forms), a few entries, compiled with GNU msgfmt, put in front
of settings.LOCALE_PATHS (Django then reloads its catalogues)."""

import json
import subprocess
from pathlib import Path

from django.conf import settings as django_settings

LOCALE = Path(django_settings.BASE_DIR) / "locale"


def quote(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def real_header(language: str) -> str:
    """The header entry of our catalogue of `language`."""
    text = (LOCALE / language / "LC_MESSAGES" / "django.po").read_text(encoding="utf-8")
    start = text.index('msgid ""\nmsgstr ""')
    return text[start : text.index("\n\n", start)]


def install_catalogue(settings, folder: Path, language: str, entries: dict) -> None:
    """`entries`: msgid -> msgstr, or (msgid, msgid_plural) -> [msgstr per plural form]."""
    lines = [real_header(language), ""]
    for key, value in entries.items():
        if isinstance(key, tuple):
            lines += [f"msgid {quote(key[0])}", f"msgid_plural {quote(key[1])}"]
            lines += [f"msgstr[{i}] {quote(form)}" for i, form in enumerate(value)]
        else:
            lines += [f"msgid {quote(key)}", f"msgstr {quote(value)}"]
        lines.append("")
    messages = folder / language / "LC_MESSAGES"
    messages.mkdir(parents=True, exist_ok=True)
    (messages / "django.po").write_text("\n".join(lines), encoding="utf-8")
    subprocess.run(
        ["msgfmt", "--check-format", "-o", messages / "django.mo", messages / "django.po"],
        check=True,
    )
    if folder not in settings.LOCALE_PATHS:
        settings.LOCALE_PATHS = [folder, *settings.LOCALE_PATHS]
