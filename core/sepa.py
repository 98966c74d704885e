"""Text that goes to the bank, reduced to the SEPA character set when it is entered.

`sepa_text` is what is stored: the EPC's basic Latin set (a–z, A–Z, 0–9, space and
/ - ? : ( ) . , ' +) plus the German banks' extension (DK, "Deutsche Kreditwirtschaft"):
Ä Ö Ü ä ö ü ß & * $ %. The umlauts and ß are kept on purpose: German banks accept them, the
account holder reads as it is written at the bank (which matters for the payee check), and the
portal shows the name as the applicant knows it. Other letters are transliterated (é → e,
ł → l, æ → ae), typographic quotes and dashes become ' and -, control and format characters
(C0, C1, zero-width and direction marks) are dropped, line breaks and tabs become spaces, runs of
spaces collapse to one. Text in a script without Latin letters (Arabic, Cyrillic) is dropped: a
caller that needs a value refuses the empty result.

`sepa_ascii` is what the payout file writes: the stored text folded to the basic set the German
way (ä → ae, ß → ss, & → +), so that any cash office software reads it.
"""

import string
import unicodedata

SEPA_BASIC = frozenset(string.ascii_letters + string.digits + " /-?:().,'+")
DK_EXTRA = frozenset("ÄÖÜäöüß&*$%")
ALLOWED = SEPA_BASIC | DK_EXTRA
WHITESPACE = frozenset("\t\n\r\v\f")

# Characters whose decomposition has no Latin base letter, or that have a customary spelling.
REPLACEMENTS = {
    "ẞ": "SS",
    "æ": "ae",
    "Æ": "AE",
    "œ": "oe",
    "Œ": "OE",
    "ø": "o",
    "Ø": "O",
    "ł": "l",
    "Ł": "L",
    "đ": "d",
    "Đ": "D",
    "ð": "d",
    "Ð": "D",
    "þ": "th",
    "Þ": "Th",
    "ı": "i",
    "‘": "'",
    "’": "'",
    "‚": "'",
    "‛": "'",
    "′": "'",
    "`": "'",
    "´": "'",
    '"': "'",
    "“": "'",
    "”": "'",
    "„": "'",
    "«": "'",
    "»": "'",
    "‹": "'",
    "›": "'",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "_": "-",
    ";": ",",
    "!": ".",
    "[": "(",
    "]": ")",
    "{": "(",
    "}": ")",
    "<": "(",
    ">": ")",
    "€": "EUR",
}
ASCII_FOLD = {
    "Ä": "Ae",
    "Ö": "Oe",
    "Ü": "Ue",
    "ä": "ae",
    "ö": "oe",
    "ü": "ue",
    "ß": "ss",
    "&": "+",
    "*": ".",
    "$": " ",
    "%": " ",
}


def _character(char: str) -> str:
    if char in ALLOWED:
        return char
    if char in WHITESPACE or unicodedata.category(char) in ("Zs", "Zl", "Zp"):
        return " "
    if unicodedata.category(char) in ("Cc", "Cf", "Cs", "Co", "Cn", "Mn", "Me"):
        return ""
    if char in REPLACEMENTS:
        return REPLACEMENTS[char]
    latin = "".join(c for c in unicodedata.normalize("NFKD", char) if c in SEPA_BASIC)
    return latin or " "


def sepa_text(value: str) -> str:
    """The text reduced to the SEPA character set with the German (DK) umlauts and ß."""
    text = unicodedata.normalize("NFC", value or "")
    return " ".join("".join(_character(char) for char in text).split())


def sepa_ascii(value: str) -> str:
    """The text in the EPC basic Latin set only, umlauts spelled out (for the payout file)."""
    text = "".join(ASCII_FOLD.get(char, char) for char in sepa_text(value))
    return " ".join(text.split())
