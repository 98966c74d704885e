"""Bad input for the fuzz tests: strategies, and the checks every answer must pass."""

import contextlib
import re

from django.db import transaction
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# Moderate and repeatable: the same examples on every run, no example database in the tree.
FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWERS = {200, 302, 400, 403, 404}

# Text a person (or a script) can send: any Unicode that UTF-8 can carry, NUL included.
TEXT = st.text(st.characters(codec="utf-8"), max_size=40)
NUMBER_CASES = [
    "",
    " ",
    "\t\n",
    "abc",
    "1e400",
    "-1e400",
    "1E5",
    "9" * 40,
    "9" * 400,
    "-1",
    "-0,01",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "0,001",
    "1,234",
    "1.234",
    "1.234,567",
    "1,234.56",
    "1.234.56",
    "1,234,56",
    "1.2.3",
    "12 345,00",
    "1_000",
    "0x10",
    "+5",
    "\u22125",
    "--5",
    "5-",
    "€",
    "1\x00",
    "\x00",
    "١٢٣٫٤٥",
    "99999999999999,99",
    "999999999999,995",
    "1.000.000.000.000,00",
    "0",
    "0,00",
    "-0",
]
NUMBERS = st.one_of(
    st.sampled_from(NUMBER_CASES),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats().map(str),
    TEXT,
)
DATE_CASES = [
    "",
    " ",
    "31.02.2026",
    "2026-13-01",
    "2026-02-30",
    "00.00.0000",
    "0000-01-01",
    "9999-12-31",
    "10000-01-01",
    "1.1.1",
    "2026-1-1",
    "01/02/2026",
    "2026-02-01T10:00",
    "today",
    "-2026-01-01",
    "2026-01-01\x00",
    "\x00",
    "99999999999999999999",
    "٢٠٢٦-٠١-٠١",
]
DATES = st.one_of(st.sampled_from(DATE_CASES), st.dates().map(str), TEXT)
IBAN_CASES = [
    "",
    " ",
    "DE89",
    "DE88370400440532013000",
    "DE08370400440532013100",
    "DE65123456780532013000",
    "XX89370400440532013000",
    "DE89 3704 0044 0532 0130 00 00",
    "de89370400440532013000",
    "DE89370400440532013000\x00",
    "\x00",
    "GB82WEST12345698765432",
    "DE" + "9" * 40,
    "DE89-3704-0044-0532-0130-00",
    "ＤＥ89370400440532013000",
]
IBANS = st.one_of(st.sampled_from(IBAN_CASES), TEXT)


def assert_answer(response) -> None:
    """Never a server error: the page answers, refuses or redirects."""
    assert response.status_code in ANSWERS, response.status_code


def marked_invalid(response, name: str) -> bool:
    """Whether the page marks the field `name` as invalid, next to the field (the staff
    pages' fields are viewflow's <vf-field-…> elements)."""
    page = response.content.decode()
    for tag in re.findall(r"<(?:input|select|textarea|vf-field-[a-z-]+)\b[^>]*>", page):
        if f'name="{name}"' in tag and 'aria-invalid="true"' in tag:
            return True
    return False


def refusal_shown(response, name: str) -> bool:
    """The field is marked, or the form says above its fields why the service refused (a
    well-formed amount the rules do not allow, such as more than the free funds)."""
    return marked_invalid(response, name) or 'role="alert"' in response.content.decode()


@contextlib.contextmanager
def rolled_back():
    """Run one example in a transaction that is rolled back: every example starts alike."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)
