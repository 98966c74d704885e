"""Languages: Django's LocaleMiddleware on the translated pages only, German everywhere else."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


def is_translated_page(request) -> bool:
    return request.path_info.startswith(tuple(settings.TRANSLATED_PATH_PREFIXES))


class TranslatedPagesLocaleMiddleware(LocaleMiddleware):
    """On settings.TRANSLATED_PATH_PREFIXES the language comes from the language switch's cookie
    (Django's set_language view), then the browser's Accept-Language, as Django does it; the
    URLs stay as they are. Every other page stays in LANGUAGE_CODE: the portal's and the staff
    pages' forms read amounts and dates the way the active language writes them, and their
    strings are not translated yet."""

    def process_request(self, request):
        if is_translated_page(request):
            super().process_request(request)
            return
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if is_translated_page(request):
            patch_vary_headers(response, ("Cookie",))
        return response
