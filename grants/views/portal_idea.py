"""The project idea in the portal: hand one in, follow its advice and outcome."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from applicants.portal import PortalMixin
from grants.forms_ideas import IdeaForm
from grants.selectors_ideas import idea_for_organisation, programmes_with_idea_stage
from grants.services.idea import idea_submit


class IdeaCreateView(PortalMixin, View):
    """A short idea for a programme with an idea stage."""

    template_name = "grants/portal/idea_new.html"

    def get(self, request):
        form = IdeaForm(
            initial={"programme": request.GET.get("programme")},
            programmes=programmes_with_idea_stage(),
        )
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        form = IdeaForm(request.POST, programmes=programmes_with_idea_stage())
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        idea = idea_submit(organisation=self.organisation, user=request.user, **form.cleaned_data)
        messages.success(
            request, _("Ihre Projektidee ist eingereicht. Die Stadt meldet sich zur Beratung.")
        )
        return redirect("portal:idea_detail", pk=idea.pk)


class IdeaDetailView(PortalMixin, TemplateView):
    """The idea with its state, the advice (never the internal note) and the outcome."""

    template_name = "grants/portal/idea_detail.html"

    def get_context_data(self, **kwargs):
        idea = idea_for_organisation(self.organisation, kwargs["pk"])
        return super().get_context_data(idea=idea, **kwargs)
