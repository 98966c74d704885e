"""Staff pages of project ideas: the queue, the idea with its advice, and the three outcomes.

Plain staff views rather than a flow: an idea is not a case (no reference, no notice), and
advice and outcome are one person's work on one page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from core.errors import NotAllowed
from core.paging import with_links
from grants.permissions import idea_advice_refusal
from grants.selectors_ideas import (
    calls_open_of_programme,
    idea_for_staff,
    idea_of_application,
    ideas_for_staff,
    programmes_for_referral,
)
from grants.services.idea import advice_record_add, idea_decline, idea_invite, idea_refer
from workflow.forms import add_form_errors
from workflow.idea.forms import AdviceForm, IdeaDeclineForm, IdeaInviteForm, IdeaReferForm

PAGE_SIZE = 50
TEMPLATE = "workflow/idea/idea.html"


class AdvisersOnlyMixin:
    """Project ideas are Sachbearbeitung's (grants.advise_idea); other staff get 403."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("grants.advise_idea"):
            raise NotAllowed(_("Projektideen berät die Sachbearbeitung."))
        return super().dispatch(request, *args, **kwargs)


class IdeaQueueView(AdvisersOnlyMixin, View):
    """Open ideas first, then the concluded ones, newest first, 50 a page."""

    def get(self, request):
        paginator = Paginator(ideas_for_staff(), PAGE_SIZE)
        page = with_links(request, paginator.get_page(request.GET.get("page")))
        return render(request, "workflow/idea/queue.html", {"page": page})


def _idea_page(request, idea, *, bound=None, refusal=None, status=200):
    """The idea page with blank forms, or with the one form that came back with errors."""
    forms = {
        "advice_form": AdviceForm(prefix="advice"),
        "invite_form": IdeaInviteForm(
            prefix="invite", calls=calls_open_of_programme(idea.programme)
        ),
        "refer_form": IdeaReferForm(prefix="refer", programmes=programmes_for_referral(idea)),
        "decline_form": IdeaDeclineForm(prefix="decline"),
    }
    if bound is not None:
        forms[bound[0]] = bound[1]
    context = {"idea": idea, "refusal": refusal, **forms}
    return render(request, TEMPLATE, context, status=status)


def _idea_for(request, pk):
    idea = idea_for_staff(pk)
    reason = idea_advice_refusal(request.user, idea)
    if reason is not None:
        raise NotAllowed(reason)
    return idea


class IdeaView(AdvisersOnlyMixin, View):
    def get(self, request, pk):
        return _idea_page(request, _idea_for(request, pk))


class IdeaActionView(AdvisersOnlyMixin, View):
    """POST one of the idea page's forms; on success back to the idea page."""

    form_name = ""
    done = ""

    def form(self, request, idea):
        raise NotImplementedError

    def act(self, request, idea, data):
        raise NotImplementedError

    def post(self, request, pk):
        idea = _idea_for(request, pk)
        form = self.form(request, idea)
        if form.is_valid():
            try:
                self.act(request, idea, form.cleaned_data)
            except NotAllowed as refusal:
                return _idea_page(request, idea, refusal=str(refusal), status=400)
            except ValidationError as error:
                add_form_errors(form, error)
            else:
                messages.success(request, self.done)
                return redirect("ideen:detail", pk=idea.pk)
        return _idea_page(request, idea, bound=(self.form_name, form), status=400)


class AdviceAddView(IdeaActionView):
    form_name = "advice_form"
    done = gettext_lazy("Die Beratung ist erfasst.")

    def form(self, request, idea):
        return AdviceForm(request.POST, prefix="advice")

    def act(self, request, idea, data):
        advice_record_add(idea=idea, user=request.user, **data)


class IdeaInviteView(IdeaActionView):
    form_name = "invite_form"
    done = gettext_lazy("Die Organisation ist zum Antrag eingeladen; der Entwurf ist angelegt.")

    def form(self, request, idea):
        return IdeaInviteForm(
            request.POST, prefix="invite", calls=calls_open_of_programme(idea.programme)
        )

    def act(self, request, idea, data):
        idea_invite(idea=idea, user=request.user, **data)


class IdeaReferView(IdeaActionView):
    form_name = "refer_form"
    done = gettext_lazy("Die Organisation ist auf das andere Förderprogramm verwiesen.")

    def form(self, request, idea):
        return IdeaReferForm(request.POST, prefix="refer", programmes=programmes_for_referral(idea))

    def act(self, request, idea, data):
        idea_refer(idea=idea, user=request.user, **data)


class IdeaDeclineView(IdeaActionView):
    form_name = "decline_form"
    done = gettext_lazy(
        "Die Projektidee wird nicht weiterverfolgt; die Organisation sieht Ihre Nachricht."
    )

    def form(self, request, idea):
        return IdeaDeclineForm(request.POST, prefix="decline")

    def act(self, request, idea, data):
        idea_decline(idea=idea, user=request.user, **data)


def case_idea(application, user) -> dict:
    """The idea the case came from, with every advice record, for those who may advise on it."""
    idea = idea_of_application(application, for_applicant=False)
    if idea is None or idea_advice_refusal(user, idea) is not None:
        return {"case_idea": None}
    return {"case_idea": idea}
