"""Distinct, valid German IBANs for the seeded organisations, without a bank registry lookup.

The accounts are at the Stadtsparkasse Wuppertal, whose account numbers carry a check digit
by method 00 of the Bundesbank (the validation in applicants/iban.py checks it too); the IBAN's
own check digits are ISO 7064 MOD 97-10.
"""

from itertools import cycle

BANK_CODE = "33050000"
BIC = "WUPSDE33XXX"
BANK_NAME = "Stadtsparkasse Wuppertal"
COUNTRY_DIGITS = "1314"  # "DE" with A=10 … Z=35


def account_number(serial: int) -> str:
    """Nine digits of `serial` and the method-00 check digit: weights 2, 1, 2, … from the
    right, products reduced to their digit sum, check digit = (10 − sum mod 10) mod 10."""
    body = f"{serial:09d}"
    if len(body) != 9:
        raise ValueError(f"Account serial {serial} has more than nine digits.")
    total = sum(sum(divmod(int(d) * w, 10)) for d, w in zip(reversed(body), cycle((2, 1))))
    return body + str((10 - total % 10) % 10)


def german_iban(serial: int) -> str:
    """The IBAN of account `serial`: DE, check digits 98 − (BBAN DE00 mod 97), BBAN."""
    bban = BANK_CODE + account_number(serial)
    check = 98 - int(bban + COUNTRY_DIGITS + "00") % 97
    return f"DE{check:02d}{bban}"
