"""A small reader of gettext .po files, enough for the catalogue checks (no polib needed)."""

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str = ""
    msgctxt: str | None = None
    msgstr: list[str] = field(default_factory=list)
    flags: set[str] = field(default_factory=set)
    obsolete: bool = False

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def translated(self) -> bool:
        return bool(self.msgstr) and all(self.msgstr)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def read_po(path: Path) -> list[Entry]:
    """Every entry of the file, the header (msgid "") included, obsolete ones marked."""
    entries = []
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        entry = _entry(block)
        if entry is not None:
            entries.append(entry)
    return entries


def _entry(block: str) -> Entry | None:
    entry, current, seen = Entry(), None, False
    for raw in block.splitlines():
        line = raw.strip()
        if line.startswith("#~"):
            entry.obsolete, line = True, line[2:].strip()
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if not line or line.startswith("#"):
            continue
        if line.startswith('"'):
            _append(entry, current, ast.literal_eval(line))
            continue
        keyword, _, rest = line.partition(" ")
        current, seen = keyword, True
        _append(entry, current, ast.literal_eval(rest), start=True)
    return entry if seen else None


def _append(entry: Entry, keyword: str, text: str, start: bool = False) -> None:
    if keyword.startswith("msgstr"):
        if start:
            entry.msgstr.append("")
        entry.msgstr[-1] += text
    elif keyword == "msgctxt":
        entry.msgctxt = (entry.msgctxt or "") + text
    else:
        setattr(entry, keyword, getattr(entry, keyword) + text)
