from django.shortcuts import redirect
from django.views import i18n
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView

from core.languages import language_codes
from core.services import user_language_set


class LandingView(TemplateView):
    """The public start page: what Fördertal is, log in or register."""

    template_name = "core/landing.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            return redirect("portal:home")
        return super().get(request, *args, **kwargs)


@require_POST
def set_language(request):
    """Django's language switch (cookie); a logged-in person's choice is saved as well."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in language_codes():
        user_language_set(user=request.user, language=language)
    return response
