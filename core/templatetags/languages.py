from django import template
from django.utils import translation

from core.languages import LOCAL_NAMES, is_staff_page, page_languages

register = template.Library()


@register.inclusion_tag("core/language_switch.html", takes_context=True)
def language_switch(context) -> dict:
    """The language switch: the page's languages, each in its own name, back to this page."""
    request = context.get("request")
    if request is None:  # rendered without a request (a mail, a bare error page): no switch
        return {"languages": []}
    current = translation.get_language()
    languages = [
        {
            "code": code,
            "name": LOCAL_NAMES.get(code, code),
            "bidi": translation.get_language_info(code)["bidi"],
            "current": code == current,
        }
        for code in page_languages(request.path_info)
    ]
    return {
        "languages": languages,
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "staff": is_staff_page(request.path_info),
    }
