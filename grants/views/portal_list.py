from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from applicants.portal import PortalMixin
from core.paging import with_links
from grants.forms import NewApplicationForm
from grants.rules import start_refusal
from grants.selectors import applications_of_organisation, calls_open
from grants.selectors_ideas import ideas_of_organisation
from grants.services.application import application_create


class ApplicationListView(PortalMixin, TemplateView):
    """My applications: the organisation's applications, 25 a page (a large organisation has
    thousands over the years), its project ideas, and the open calls."""

    template_name = "grants/portal/application_list.html"

    page_size = 25

    def get_context_data(self, **kwargs):
        applications = applications_of_organisation(self.organisation)
        paginator = Paginator(applications, self.page_size)
        page = with_links(self.request, paginator.get_page(self.request.GET.get("page")))
        return super().get_context_data(
            page=page,
            calls=calls_open(),
            ideas=ideas_of_organisation(self.organisation),
            **kwargs,
        )


class ApplicationCreateView(PortalMixin, View):
    """Start a new draft for an open call."""

    template_name = "grants/portal/application_new.html"

    def get(self, request):
        form = NewApplicationForm(initial={"call": request.GET.get("call")}, calls=calls_open())
        call_id = request.GET.get("call", "")
        call = calls_open().filter(pk=call_id).first() if call_id.isdigit() else None
        return render(request, self.template_name, self.context(form, call))

    def post(self, request):
        form = NewApplicationForm(request.POST, calls=calls_open())
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        context = self.context(form, form.cleaned_data["call"])
        if context["refusal"]:
            return render(request, self.template_name, context, status=400)
        application = application_create(
            organisation=self.organisation,
            call=form.cleaned_data["call"],
            user=request.user,
            title=form.cleaned_data["title"],
        )
        messages.success(request, _("Der Entwurf ist angelegt. Sie können jederzeit speichern."))
        return redirect("portal:application_edit", pk=application.pk)

    def context(self, form, call) -> dict:
        """The form, and for a call whose programme wants a project idea first, why not and
        where to hand in the idea."""
        refusal = call and start_refusal(organisation=self.organisation, call=call)
        return {
            "form": form,
            "refusal": refusal,
            "idea_programme": call.programme if refusal else None,
        }
