"""Bring the translators' catalogues up to date with the German source texts and compile them."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from core.languages import language_codes

# What is not the application's source: the virtualenv, documentation, benchmarks, tests.
IGNORE = [".venv", "docs", "bench", "tests", "staticfiles", "media", "*.egg-info"]


def catalogue_languages() -> list[str]:
    """Every language but German: the source texts are German (locale/de only holds German
    texts for strings of Django and other libraries, and is kept by hand)."""
    return [code for code in language_codes() if code != settings.LANGUAGE_CODE]


class Command(BaseCommand):
    @property
    def help(self):  # a property: argparse needs a real string, translated when asked
        return _(
            "Aktualisiert die Übersetzungskataloge (locale/<Sprache>/LC_MESSAGES/django.po) "
            "aus den deutschen Quelltexten und kompiliert sie (.mo)."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "-l",
            "--locale",
            action="append",
            choices=catalogue_languages(),
            help=_("Nur diese Sprache (mehrfach möglich); sonst alle außer Deutsch."),
        )

    def handle(self, *args, **options):
        languages = options["locale"] or catalogue_languages()
        verbosity = options["verbosity"]
        call_command("makemessages", locale=languages, ignore_patterns=IGNORE, verbosity=verbosity)
        call_command(
            "compilemessages", locale=languages, ignore_patterns=IGNORE, verbosity=verbosity
        )
