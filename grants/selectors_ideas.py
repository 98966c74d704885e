"""Reads of project ideas: the applicant's, the staff queue, and an application's idea."""

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Value, When
from django.shortcuts import get_object_or_404
from django.utils import timezone

from grants.models import (
    OPEN_IDEA_STATUSES,
    AdviceRecord,
    Application,
    Call,
    Idea,
    IdeaStage,
    Programme,
)

# The applicant never receives the internal note, not even in a deferred column.
PORTAL_ADVICE_FIELDS = ("idea", "held_on", "channel", "people_present", "notes", "next_steps")


def _portal_advice() -> Prefetch:
    return Prefetch("advice", queryset=AdviceRecord.objects.only("pk", *PORTAL_ADVICE_FIELDS))


def ideas_of_organisation(organisation) -> QuerySet[Idea]:
    """The organisation's ideas for "Meine Anträge" (a fixed number of queries)."""
    return (
        Idea.objects.filter(organisation=organisation)
        .select_related("programme", "application")
        .order_by("-submitted_at", "-pk")
    )


def idea_for_organisation(organisation, pk: int) -> Idea:
    """An idea of the organisation the user acts for, with its advice without internal notes,
    or 404."""
    queryset = (
        Idea.objects.filter(organisation=organisation)
        .select_related("programme", "referred_to", "application")
        .prefetch_related(_portal_advice())
    )
    return get_object_or_404(queryset, pk=pk)


def programmes_with_idea_stage() -> QuerySet[Programme]:
    """Active programmes that take ideas (idea stage optional or required)."""
    return Programme.objects.filter(is_active=True).exclude(idea_stage=IdeaStage.NONE)


def ideas_for_staff() -> QuerySet[Idea]:
    """The staff queue: open ideas first, newest first within each group."""
    return (
        Idea.objects.select_related("organisation", "programme")
        .annotate(
            open_first=Case(
                When(status__in=OPEN_IDEA_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
            advice_count=Count("advice"),
        )
        .order_by("open_first", "-submitted_at", "-pk")
    )


def idea_for_staff(pk: int) -> Idea:
    """An idea with every advice record (internal notes included) and its application, or 404."""
    queryset = Idea.objects.select_related(
        "organisation", "programme", "referred_to", "application", "concluded_by"
    ).prefetch_related(
        Prefetch("advice", queryset=AdviceRecord.objects.select_related("recorded_by"))
    )
    return get_object_or_404(queryset, pk=pk)


def calls_open_of_programme(programme: Programme, today=None) -> QuerySet[Call]:
    """The programme's calls that accept applications today (for an invitation)."""
    return Call.objects.open_on(today or timezone.localdate()).filter(programme=programme)


def idea_of_application(application: Application, *, for_applicant: bool) -> Idea | None:
    """The idea the application came from, with its advice; for the applicant without the
    internal notes."""
    if application.idea_id is None:
        return None
    advice = (
        _portal_advice()
        if for_applicant
        else Prefetch("advice", queryset=AdviceRecord.objects.select_related("recorded_by"))
    )
    return (
        Idea.objects.select_related("organisation", "programme", "referred_to", "concluded_by")
        .prefetch_related(advice)
        .get(pk=application.idea_id)
    )


def programmes_for_referral(idea: Idea) -> QuerySet[Programme]:
    """Active programmes the idea could be referred to: every one but its own."""
    return Programme.objects.filter(is_active=True).exclude(pk=idea.programme_id)
