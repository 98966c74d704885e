"""Which language a page or a mail speaks: the person's saved choice, the switch, the browser.

The applicant portal, its mails and the public pages speak every language of
settings.LANGUAGES. The staff pages speak German and English only: the department works in
German, and English is there for colleagues without German; a Turkish or Arabic preference
falls back to German there (and staff mails follow the same rule). The notices (Bescheide)
are German whatever the language (NOTICE_LANGUAGE).
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

STAFF_LANGUAGES = ("de", "en")
# Each language in its own name, for the language switch (not translated on purpose).
LOCAL_NAMES = {"de": "Deutsch", "en": "English", "tr": "Türkçe", "ar": "العربية"}
STAFF_PATH_PREFIXES = ("/staff/", "/admin/")
# German is the binding language of every legal document.
NOTICE_LANGUAGE = "de"


def language_codes() -> tuple[str, ...]:
    return tuple(code for code, _name in settings.LANGUAGES)


def page_languages(path: str) -> tuple[str, ...]:
    """The languages a page at `path` speaks."""
    return STAFF_LANGUAGES if is_staff_page(path) else language_codes()


def is_staff_page(path: str) -> bool:
    return path.startswith(STAFF_PATH_PREFIXES)


def supported_language(code: str | None) -> str | None:
    """The code of settings.LANGUAGES that `code` ("en-GB", "tr") stands for, or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def saved_language(user) -> str | None:
    """The language a logged-in person chose, or None (not chosen, or anonymous)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return supported_language(user.language)


def preferred_language(request) -> str:
    """The saved choice, then the switch's cookie, then Accept-Language, then German."""
    return saved_language(getattr(request, "user", None)) or (
        translation.get_language_from_request(request, check_path=False)
    )


def page_language(request) -> str:
    """The language of this page: the preference, unless the page does not speak it."""
    language = preferred_language(request)
    if is_staff_page(request.path_info) and language not in STAFF_LANGUAGES:
        return settings.LANGUAGE_CODE
    return language


def mail_language(user, *, staff: bool = False, fallback: str | None = None) -> str:
    """The language of a mail to `user`: their saved choice, else `fallback` (the page's
    language when they asked for the mail themselves), else German."""
    language = saved_language(user) or supported_language(fallback) or settings.LANGUAGE_CODE
    if staff and language not in STAFF_LANGUAGES:
        return settings.LANGUAGE_CODE
    return language


def recipients_by_language(emails: list[str]) -> dict[str, list[str]]:
    """The addresses grouped by the language of their person; unknown addresses get German."""
    people = {
        user.email.lower(): user
        for user in get_user_model().objects.filter(email__in=[e.lower() for e in emails])
    }
    groups: dict[str, list[str]] = {}
    for email in emails:
        groups.setdefault(mail_language(people.get(email.lower())), []).append(email)
    return groups


def address_language(email: str) -> str:
    """The language of a mail to `email`: its person's choice, German if there is none."""
    return next(iter(recipients_by_language([email])))
