"""Plural forms: Arabic has six (CLDR: zero, one, two, few, many, other), Turkish two; the
catalogues carry them, every plural entry has a slot per form, and blocktranslate picks it."""

import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template
from django.utils import translation

from tests.core.po_files import read_po
from tests.translations import install_catalogue

LOCALE = Path(settings.BASE_DIR) / "locale"
FORMS = {"en": 2, "tr": 2, "ar": 6}
# n -> index of the plural form
ARABIC = {0: 0, 1: 1, 2: 2, 3: 3, 10: 3, 11: 4, 99: 4, 100: 5, 101: 5, 102: 5, 103: 3, 111: 4}
TURKISH = {0: 1, 1: 0, 2: 1, 21: 1}


def compiled(language: str) -> gettext.GNUTranslations:
    with (LOCALE / language / "LC_MESSAGES" / "django.mo").open("rb") as mo:
        return gettext.GNUTranslations(mo)


@pytest.mark.parametrize(("language", "expected"), [("ar", ARABIC), ("tr", TURKISH)])
def test_the_compiled_catalogues_carry_the_plural_rule(language, expected):
    catalogue = compiled(language)
    assert {n: catalogue.plural(n) for n in expected} == expected


@pytest.mark.parametrize(("language", "count"), list(FORMS.items()))
def test_every_plural_entry_has_a_slot_per_form(language, count):
    entries = read_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    header = next(entry for entry in entries if entry.msgid == "").msgstr[0]
    assert f"nplurals={count};" in header
    plurals = [entry for entry in entries if entry.msgid_plural and not entry.obsolete]
    assert plurals
    assert [entry.msgid for entry in plurals if len(entry.msgstr) != count] == []


@pytest.mark.django_db
def test_blocktranslate_picks_the_arabic_form(settings, tmp_path):
    forms = [f"صيغة {index}" for index in range(6)]
    install_catalogue(
        settings,
        tmp_path / "locale",
        "ar",
        {("%(counter)s Förderung", "%(counter)s Förderungen"): forms},
    )
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=n %}{{ counter }} Förderung"
        "{% plural %}{{ counter }} Förderungen{% endblocktranslate %}"
    )
    with translation.override("ar"):
        shown = {n: template.render(Context({"n": n})) for n in ARABIC}
    assert shown == {n: forms[index] for n, index in ARABIC.items()}
    translation.deactivate()
