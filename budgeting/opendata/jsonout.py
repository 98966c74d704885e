"""JSON with Decimal amounts written as numbers with two decimals (8000.00), never through a
float: the json module can only write Decimal as a string, so this writes the document itself."""

import json
from decimal import Decimal

from core.money import round_money


def dumps(value, *, indent: int = 2) -> str:
    """The document as indented JSON text (UTF-8 characters kept as they are)."""
    return "".join(_encode(value, 0, indent)) + "\n"


def _encode(value, level: int, indent: int):
    if isinstance(value, Decimal):
        yield f"{round_money(value):.2f}"
    elif isinstance(value, dict):
        yield from _container("{", "}", value.items(), level, indent, keyed=True)
    elif isinstance(value, (list, tuple)):
        yield from _container("[", "]", ((None, item) for item in value), level, indent)
    elif isinstance(value, (str, int, float, bool)) or value is None:
        yield json.dumps(value, ensure_ascii=False)
    else:
        raise TypeError(f"{type(value).__name__} cannot be written as JSON")


def _container(opening, closing, items, level, indent, keyed=False):
    items = list(items)
    if not items:
        yield opening + closing
        return
    inner = "\n" + " " * (indent * (level + 1))
    yield opening
    for number, (key, item) in enumerate(items):
        yield ("," if number else "") + inner
        if keyed:
            yield json.dumps(str(key), ensure_ascii=False) + ": "
        yield from _encode(item, level + 1, indent)
    yield "\n" + " " * (indent * level) + closing
