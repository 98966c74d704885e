"""Languages: every page in the language its visitor prefers, the URLs unchanged."""

from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core.languages import page_language


class UserLanguageMiddleware(LocaleMiddleware):
    """Activates core.languages.page_language: the logged-in person's saved choice, then the
    language switch's cookie (Django's set_language), then Accept-Language, then German.

    The staff pages (/staff/, /admin/) speak German and English only: staff work in German,
    and English is there for colleagues without German, so a Turkish or Arabic preference
    falls back to German there. Without i18n_patterns the URLs stay as they are; the answer
    varies with the cookie and Accept-Language. Placed after AuthenticationMiddleware."""

    def process_request(self, request):
        translation.activate(page_language(request))
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        patch_vary_headers(response, ("Cookie",))
        return response
