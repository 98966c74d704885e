from django.shortcuts import redirect
from django.views.generic import TemplateView


class LandingView(TemplateView):
    """The public start page: what Fördertal is, log in or register."""

    template_name = "core/landing.html"

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.is_staff:
            return redirect("portal:home")
        return super().get(request, *args, **kwargs)
