"""Reading numbers the way people type them in the active language.

"1.234,56" in German and Turkish (and Arabic, whose Django formats write 1234,56), "1,234.56"
in English; without grouping the other separator is read as the decimal separator where that
is unambiguous ("1234.56" in German, "1234,56" in English). Arabic-Indic digits and the Arabic
separators (٫ ٬) are accepted too. Anything else is refused rather than guessed.
"""

import re
from decimal import Decimal, InvalidOperation

from django.utils.formats import get_format, number_format

ARABIC_INDIC = "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹"
DIGITS = str.maketrans(ARABIC_INDIC, "0123456789" * 2)
# Bidirectional marks (LRM, RLM, ALM) come along when an amount is copied from an RTL page.
MARKS = re.compile("[\u200e\u200f\u061c]")
SPACES = re.compile(r"\s+")
MINUS = ("-", "\u2212")


def parse_decimal(text: str, language: str | None = None) -> Decimal:
    """The number in `text` as `language` (default: the active one) writes it.

    Raises ValueError when the text is not such a number or is ambiguous.
    """
    point = get_format("DECIMAL_SEPARATOR", language)
    group = get_format("THOUSAND_SEPARATOR", language)
    value = MARKS.sub("", text).translate(DIGITS).strip().strip("€").strip()
    value = value.replace("٫", point).replace("٬", group)
    sign = ""
    if value[:1] in (*MINUS, "+"):
        sign, value = ("-" if value[0] in MINUS else ""), value[1:].strip()
    value = SPACES.sub(group, value)
    return _to_decimal(sign + _plain(value, point, group))


def _plain(value: str, point: str, group: str) -> str:
    """`value` with "." as the decimal point and no grouping."""
    p, g = re.escape(point), re.escape(group)
    if re.fullmatch(rf"\d+({p}\d+)?|{p}\d+", value):
        return value.replace(point, ".")
    if re.fullmatch(rf"\d{{1,3}}({g}\d{{3}})+({p}\d+)?", value):
        return value.replace(group, "").replace(point, ".")
    if re.fullmatch(rf"\d*{g}\d+", value):
        # One "other" separator that cannot be grouping: a decimal point typed the other way.
        return value.replace(group, ".")
    raise ValueError(value)


def _to_decimal(value: str) -> Decimal:
    try:
        return Decimal(value)
    except InvalidOperation as error:
        raise ValueError(value) from error


def number_example() -> str:
    """1234.56 as the active language writes it, for error messages."""
    return number_format(Decimal("1234.56"), decimal_pos=2, use_l10n=True, force_grouping=True)
