"""The juror's staff pages: "Meine Jurybewertungen" and the scoring page of one seat."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views import View

from core.errors import NotAllowed
from core.paging import with_links
from core.roles import REVIEWER, ROLES, has_role
from grants.models import PanelSeat
from grants.selectors_panel import panel_seats_of
from grants.services.panel import panel_seat_refusal
from workflow.application.forms import ReviewForm
from workflow.application.panel import panel_vote_submit
from workflow.selectors import case_application

DONE_PAGE_SIZE = 25


def refuse_unless_reviewer(user) -> None:
    if not has_role(user, REVIEWER):
        raise NotAllowed(_("Diese Seite gehört zur Rolle „%(role)s“.") % {"role": ROLES[REVIEWER]})


class PanelSeatListView(View):
    """The user's seats: open ones to score, submitted ones (paged) to look back at."""

    def get(self, request):
        refuse_unless_reviewer(request.user)
        seats = panel_seats_of(request.user)
        open_seats = list(seats.filter(submitted_at__isnull=True))
        done = Paginator(seats.filter(submitted_at__isnull=False), DONE_PAGE_SIZE)
        done_seats = with_links(request, done.get_page(request.GET.get("page")))
        context = {"open_seats": open_seats, "done_seats": done_seats}
        return render(request, "workflow/panel/seat_list.html", context)


class PanelSeatView(View):
    """One seat: the scoring form until it is submitted, then the vote and the jury's scores
    as far as the juror may see them. Someone else's seat does not exist for the user (404)."""

    template_name = "workflow/panel/seat.html"

    def seat(self, request, pk) -> PanelSeat:
        return get_object_or_404(PanelSeat, pk=pk, reviewer=request.user)

    def page(self, request, seat, form, status=200):
        application = case_application(seat.application_id)
        refusal = panel_seat_refusal(request.user, seat)
        context = {
            "seat": seat,
            "application": application,
            "form": form if not (seat.is_submitted or refusal) else None,
            "refusal": refusal,
        }
        return render(request, self.template_name, context, status=403 if refusal else status)

    def form(self, seat, data=None) -> ReviewForm:
        criteria = seat.application.call.programme.criteria.all()
        return ReviewForm(data, criteria=criteria)

    def get(self, request, pk):
        seat = self.seat(request, pk)
        return self.page(request, seat, self.form(seat))

    def post(self, request, pk):
        seat = self.seat(request, pk)
        refusal = panel_seat_refusal(request.user, seat)
        if refusal:
            raise NotAllowed(refusal)
        if seat.is_submitted:
            raise NotAllowed(_("Sie haben Ihre Bewertung bereits abgegeben."))
        form = self.form(seat, request.POST)
        if form.is_valid():
            try:
                panel_vote_submit(seat=seat, user=request.user, **form.review_data())
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Ihre Bewertung ist abgegeben."))
                return redirect("jury:seat", pk=seat.pk)
        return self.page(request, seat, form)


panel_urls = [
    path("", PanelSeatListView.as_view(), name="index"),
    path("<int:pk>/", PanelSeatView.as_view(), name="seat"),
]
