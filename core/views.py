import datetime

from django.conf import settings
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


class AccessibilityStatementView(TemplateView):
    """Erklärung zur Barrierefreiheit (§ 10b BGG NRW, § 4 BITV NRW), built like the model
    statement of Implementing Decision (EU) 2018/1523. Public; linked from every page."""

    template_name = "core/accessibility.html"
    # When the statement was written and last checked (update it with every review, at least
    # once a year: § 4 Abs. 4 BITV NRW).
    created_on = datetime.date(2026, 12, 4)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            created_on=self.created_on,
            contact_email=settings.ACCESSIBILITY_CONTACT_EMAIL,
            authority=settings.AUTHORITY,
            **kwargs,
        )


@require_POST
def set_language(request):
    """Django's language switch (cookie); a logged-in person's choice is saved as well."""
    response = i18n.set_language(request)
    language = request.POST.get("language")
    if request.user.is_authenticated and language in language_codes():
        user_language_set(user=request.user, language=language)
    return response
