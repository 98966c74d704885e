"""The catalogues are complete: up to date with the German source texts, translated in every
language but German, compiled. Until the translators have filled them, this fails on purpose
and lists what is missing. Translators: `python manage.py update_catalogues`, fill the
msgstr of locale/<language>/LC_MESSAGES/django.po, run it again (it compiles the .mo too)."""

import gettext
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from core.management.commands.update_catalogues import IGNORE, catalogue_languages
from tests.core.po_files import Entry, read_po

BASE = Path(settings.BASE_DIR)
LOCALE = BASE / "locale"
SOURCE_SUFFIXES = {".py", ".html", ".txt"}
SHOWN = 20


def po_path(language: str, locale: Path = LOCALE) -> Path:
    return locale / language / "LC_MESSAGES" / "django.po"


def live(entries: list[Entry]) -> list[Entry]:
    """The real entries: neither the header nor obsolete ones."""
    return [entry for entry in entries if entry.msgid and not entry.obsolete]


def report(problems: dict[str, list[str]], what: str) -> str:
    lines = [what]
    for language, msgids in problems.items():
        lines.append(f"{language}: {len(msgids)}")
        lines += [f"    {msgid!r}" for msgid in msgids[:SHOWN]]
        if len(msgids) > SHOWN:
            lines.append(f"    … and {len(msgids) - SHOWN} more")
    lines.append("Run `python manage.py update_catalogues`, translate, run it again.")
    return "\n".join(lines)


def copy_sources(target: Path) -> None:
    """The translatable files of the project, without locale/ and what update_catalogues
    ignores: makemessages then writes into the copy only."""
    skip = shutil.ignore_patterns(*IGNORE, ".*", "locale", "__pycache__")

    def ignore(folder, names):
        skipped = set(skip(folder, names))
        return skipped | {
            name
            for name in names
            if (Path(folder) / name).is_file() and Path(name).suffix not in SOURCE_SUFFIXES
        }

    for child in BASE.iterdir():
        if child.is_dir() and child.name not in skip(str(BASE), [child.name]) | {"locale"}:
            shutil.copytree(child, target / child.name, ignore=ignore)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> set[tuple[str | None, str]]:
    """The msgids makemessages finds in today's source texts."""
    work = tmp_path_factory.mktemp("catalogues")
    copy_sources(work)
    shutil.copytree(LOCALE, work / "locale")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(work)
        patch.setattr(settings, "LOCALE_PATHS", [work / "locale"])
        call_command(
            "makemessages",
            locale=catalogue_languages(),
            ignore_patterns=IGNORE,
            keep_pot=True,
            verbosity=0,
        )
    return {entry.key for entry in live(read_po(work / "locale" / "django.pot"))}


def test_the_catalogues_have_every_msgid_of_the_source(extracted):
    assert extracted
    missing = {}
    for language in catalogue_languages():
        known = {entry.key for entry in live(read_po(po_path(language)))}
        if absent := sorted(msgid for _context, msgid in extracted - known):
            missing[language] = absent
    assert not missing, report(missing, "Not in the catalogues yet (the source has them):")


def test_every_entry_is_translated_and_not_fuzzy():
    problems = {}
    for language in catalogue_languages():
        entries = read_po(po_path(language))
        header = next(entry for entry in entries if entry.msgid == "")
        open_ = ["<header is fuzzy>"] if header.fuzzy else []
        open_ += [e.msgid for e in live(entries) if not e.translated or e.fuzzy]
        if open_:
            problems[language] = open_
    assert not problems, report(problems, "Untranslated or fuzzy entries:")


@pytest.mark.parametrize("language", ["de", *catalogue_languages()])
def test_every_catalogue_is_compiled_from_its_current_po(language, tmp_path):
    fresh = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", fresh, po_path(language)],
        check=True,
        capture_output=True,
    )
    committed = po_path(language).with_suffix(".mo")
    assert committed.exists(), f"{committed} is missing: python manage.py update_catalogues"
    with fresh.open("rb") as new, committed.open("rb") as old:
        assert gettext.GNUTranslations(old)._catalog == gettext.GNUTranslations(new)._catalog, (
            f"{committed} is older than its .po: python manage.py update_catalogues"
        )
