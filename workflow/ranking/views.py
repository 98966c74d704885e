"""The ranking page of a call and its workbook; Sachbearbeitung, Bewilligung, Administration
and Finanzen see them (budgeting.permissions.ranking_refusal), jurors and applicants never."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify
from django.views import View

from budgeting.permissions import ranking_refusal
from budgeting.ranking.export import ranking_xlsx
from budgeting.ranking.selectors import call_ranking, ranking_calls
from core.errors import NotAllowed
from workflow.export_kinds import FORMATS
from workflow.ranking.forms import CallChoiceForm


def may_see_ranking(user) -> bool:
    """Whether the staff menu shows the ranking to the user."""
    return ranking_refusal(user) is None


class RankingAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        refusal = ranking_refusal(request.user)
        if refusal is not None:
            raise NotAllowed(refusal)
        return super().dispatch(request, *args, **kwargs)


class RankingView(RankingAccessMixin, View):
    """?call= chooses the call; without one only the chooser is shown."""

    def get(self, request):
        form = CallChoiceForm(request.GET if "call" in request.GET else None)
        ranking = call_ranking(form.cleaned_data["call"]) if form.is_valid() else None
        status = 400 if form.is_bound and not form.is_valid() else 200
        context = {"form": form, "ranking": ranking}
        return render(request, "workflow/ranking.html", context, status=status)


class RankingExportView(RankingAccessMixin, View):
    """The ranking of the call as a workbook."""

    def get(self, request, pk):
        call = get_object_or_404(ranking_calls(), pk=pk)
        response = HttpResponse(ranking_xlsx(call_ranking(call)), content_type=FORMATS["xlsx"])
        name = slugify(f"rangliste-{call.title}") or "rangliste"
        response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
        return response
