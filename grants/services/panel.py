"""The jury of a case: Sachbearbeitung seats the reviewers (chosen or drawn from the pool), each
juror submits one vote. Who may review is `grants.permissions.review_refusal`, for every juror."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import audit_record
from core.models import User
from core.roles import CASEWORKER, REVIEWER
from grants.models import (
    Application,
    ApplicationStatus,
    PanelScore,
    PanelSeat,
    Recommendation,
    ReviewMode,
)
from grants.permissions import review_refusal, staff_refusal
from grants.procedure import procedure_of, review_mode_of
from grants.scoring import vote_check
from grants.services.errors import NotAllowed


def _locked_in_review(application: Application) -> Application:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.IN_REVIEW:
        raise NotAllowed(
            _("Dieser Schritt ist im Stand „%(status)s“ nicht möglich.")
            % {"status": application.get_status_display()}
        )
    return application


def _person(user) -> str:
    return user.get_full_name() or user.email


@transaction.atomic
def panel_assign(
    *, application: Application, reviewers: list, by, from_pool: bool = False
) -> list[PanelSeat]:
    """Seat exactly the procedure's number of distinct reviewers, each allowed to review it."""
    refusal = staff_refusal(by, application, CASEWORKER)
    if refusal:
        raise NotAllowed(refusal)
    application = _locked_in_review(application)
    if review_mode_of(application) != ReviewMode.PANEL:
        raise NotAllowed(_("Dieser Antrag wird nicht von einer Jury begutachtet."))
    if application.panel_seats.exists():
        raise NotAllowed(_("Die Jury dieses Antrags ist bereits besetzt."))
    size = procedure_of(application).panel_size
    distinct = list({reviewer.pk: reviewer for reviewer in reviewers}.values())
    if len(distinct) != len(reviewers) or len(distinct) != size:
        raise ValidationError(
            {
                "reviewers": _("Bitte wählen Sie genau %(size)s verschiedene Gutachtende.")
                % {"size": size}
            }
        )
    refused = [
        f"{_person(reviewer)}: {reason}"
        for reviewer in distinct
        if (reason := review_refusal(reviewer, application))
    ]
    if refused:
        raise ValidationError({"reviewers": refused})
    seats = []
    for reviewer in distinct:
        seat = PanelSeat(
            application=application, reviewer=reviewer, assigned_by=by, from_pool=from_pool
        )
        seat.full_clean()
        seat.save()
        seats.append(seat)
    audit_record(
        actor=by,
        action="grants.panel.assigned",
        obj=application,
        after={"reviewers": [reviewer.pk for reviewer in distinct], "from_pool": from_pool},
    )
    return seats


def panel_pool_candidates(application: Application) -> list:
    """Fachgutachten members allowed to review the case, fewest open seats first, then by pk."""
    candidates = (
        User.objects.filter(groups__name=REVIEWER, is_active=True)
        .annotate(
            open_seats=Count(
                "panel_seats", filter=Q(panel_seats__submitted_at__isnull=True), distinct=True
            )
        )
        .order_by("open_seats", "pk")
        .distinct()
    )
    return [user for user in candidates if review_refusal(user, application) is None]


@transaction.atomic
def panel_draw_from_pool(*, application: Application, by) -> list[PanelSeat]:
    """Seat the eligible reviewers with the fewest open seats (ties by pk): deterministic."""
    size = procedure_of(application).panel_size
    drawn = panel_pool_candidates(application)[:size]
    if len(drawn) < size:
        raise ValidationError(
            {
                "reviewers": _(
                    "Im Pool sind nur %(count)s Gutachtende frei, die Jury braucht %(size)s."
                )
                % {"count": len(drawn), "size": size}
            }
        )
    return panel_assign(application=application, reviewers=drawn, by=by, from_pool=True)


def panel_seat_refusal(user, seat: PanelSeat) -> str | None:
    """Why the user may not score this seat, or None: it is their seat and they may review."""
    if seat.reviewer_id != user.pk:
        return _("Dieser Platz in der Jury gehört einer anderen Person.")
    return review_refusal(user, seat.application)


@transaction.atomic
def panel_seat_submit(
    *,
    seat: PanelSeat,
    user,
    scores: dict[int, int],
    assessment: str,
    recommendation: str,
    recommended_amount: Decimal | None,
    no_conflict_of_interest: bool,
) -> PanelSeat:
    """The juror's one vote: points for every criterion of the programme and the weighted total."""
    # the case first: the jurors' votes on one case queue up, so the last one sees all others
    application = Application.objects.select_for_update().get(pk=seat.application_id)
    seat = PanelSeat.objects.select_for_update().get(pk=seat.pk)
    seat.application = application
    refusal = panel_seat_refusal(user, seat)
    if refusal:
        raise NotAllowed(refusal)
    if seat.is_submitted:
        raise NotAllowed(_("Sie haben Ihre Bewertung bereits abgegeben."))
    if application.status != ApplicationStatus.IN_REVIEW:
        raise NotAllowed(
            _("Dieser Schritt ist im Stand „%(status)s“ nicht möglich.")
            % {"status": application.get_status_display()}
        )
    if not assessment.strip():
        raise ValidationError({"assessment": _("Bitte begründen Sie Ihre Bewertung.")})
    if recommendation not in Recommendation.values:
        raise ValidationError({"recommendation": _("Bitte geben Sie Ihr Votum ab.")})
    criteria = list(application.call.programme.criteria.all())
    seat.weighted_total = vote_check(
        criteria=criteria,
        scores=scores,
        recommendation=recommendation,
        recommended_amount=recommended_amount,
        no_conflict_of_interest=no_conflict_of_interest,
    )
    seat.assessment = assessment.strip()
    seat.recommendation = recommendation
    seat.recommended_amount = recommended_amount
    seat.no_conflict_of_interest = True
    seat.submitted_at = timezone.now()
    seat.full_clean()
    seat.save()
    PanelScore.objects.bulk_create(
        PanelScore(seat=seat, criterion=c, score=scores[c.pk]) for c in criteria
    )
    audit_record(
        actor=user,
        action="grants.panel.seat_submitted",
        obj=application,
        after={
            "seat": seat.pk,
            "recommendation": recommendation,
            "weighted_total": seat.weighted_total,
            "recommended_amount": recommended_amount,
        },
    )
    return seat


def panel_is_complete(application: Application) -> bool:
    """Every seat of the case's jury has submitted (False while no seat exists)."""
    seats = PanelSeat.objects.filter(application=application)
    return seats.exists() and not seats.filter(submitted_at__isnull=True).exists()
