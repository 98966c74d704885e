"""Projektidee and Projektberatung: an idea handed in, advice recorded, and one of three
outcomes (invite to apply, refer to another programme, decline informally)."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from applicants.models import Organisation
from applicants.permissions import is_member
from core.audit import audit_record
from grants.models import (
    AdviceRecord,
    Application,
    Call,
    Idea,
    IdeaStatus,
    Programme,
)
from grants.permissions import idea_advice_refusal
from grants.services.errors import NotAllowed
from grants.services.procedure import case_procedure_fix, procedure_summary


def idea_submit(
    *,
    organisation: Organisation,
    programme: Programme,
    user,
    title: str,
    description: str,
    target_group: str,
    place: str,
    timeframe: str,
    rough_cost: Decimal,
) -> Idea:
    """Hand in an idea for a programme with an idea stage; it keeps the procedure now in force."""
    if not is_member(user, organisation):
        raise NotAllowed(_("Sie handeln nicht für diese Organisation."))
    if not programme.takes_ideas or not programme.is_active:
        raise NotAllowed(_("Für dieses Förderprogramm gibt es keine Projektideen."))
    with transaction.atomic():
        idea = Idea(
            organisation=organisation,
            programme=programme,
            procedure=case_procedure_fix(programme=programme),
            title=title,
            description=description,
            target_group=target_group,
            place=place,
            timeframe=timeframe,
            rough_cost=rough_cost,
            submitted_by=user,
        )
        idea.full_clean()
        idea.save()
        audit_record(
            actor=user,
            action="grants.idea.submitted",
            obj=idea,
            after={
                "status": idea.status,
                "title": title,
                "rough_cost": rough_cost,
                "procedure": procedure_summary(idea.procedure),
            },
        )
    return idea


def advice_record_add(
    *,
    idea: Idea,
    user,
    held_on: datetime.date,
    channel: str,
    people_present: str,
    notes: str,
    next_steps: str = "",
    internal_note: str = "",
) -> AdviceRecord:
    """Record one advice conversation about an open idea."""
    with transaction.atomic():
        idea = _idea_locked(idea=idea, user=user)
        record = AdviceRecord(
            idea=idea,
            held_on=held_on,
            channel=channel,
            people_present=people_present,
            notes=notes,
            next_steps=next_steps,
            internal_note=internal_note,
            recorded_by=user,
        )
        record.full_clean()
        record.save()
        audit_record(
            actor=user,
            action="grants.idea.advice_recorded",
            obj=idea,
            after={"advice": record.pk, "held_on": held_on, "channel": channel},
        )
    return record


def idea_invite(*, idea: Idea, user, call: Call, message: str) -> Application:
    """Invite a full application: a draft for an open call of the programme, prefilled from the
    idea and linked to it."""
    with transaction.atomic():
        idea = _idea_locked(idea=idea, user=user)
        if call.programme_id != idea.programme_id or not call.is_open_on(timezone.localdate()):
            raise NotAllowed(_("Bitte einen offenen Förderaufruf dieses Programms wählen."))
        application = Application(
            organisation=idea.organisation,
            call=call,
            title=idea.title,
            summary=idea.description,
            target_group=idea.target_group,
            requested_amount=_requested_amount(idea),
            created_by=user,
            idea=idea,
        )
        application.full_clean()
        application.save()
        audit_record(
            actor=user,
            action="grants.application.created",
            obj=application,
            after={"status": application.status, "title": application.title, "idea": idea.pk},
        )
        _conclude(idea=idea, user=user, status=IdeaStatus.INVITED, message=message)
    return application


def idea_refer(*, idea: Idea, user, programme: Programme, message: str) -> Idea:
    """Point the organisation to another programme, with a message."""
    with transaction.atomic():
        idea = _idea_locked(idea=idea, user=user)
        if programme.pk == idea.programme_id:
            raise NotAllowed(_("Bitte ein anderes Förderprogramm wählen."))
        idea.referred_to = programme
        return _conclude(idea=idea, user=user, status=IdeaStatus.REFERRED, message=message)


def idea_decline(*, idea: Idea, user, message: str) -> Idea:
    """Decline the idea informally (no notice, no appeal), with a message."""
    with transaction.atomic():
        idea = _idea_locked(idea=idea, user=user)
        return _conclude(idea=idea, user=user, status=IdeaStatus.DECLINED, message=message)


def _idea_locked(*, idea: Idea, user) -> Idea:
    idea = Idea.objects.select_for_update().get(pk=idea.pk)
    reason = idea_advice_refusal(user, idea)
    if reason is None and not idea.is_open:
        reason = _("Die Beratung zu dieser Projektidee ist bereits abgeschlossen.")
    if reason is not None:
        raise NotAllowed(reason)
    return idea


def _requested_amount(idea: Idea) -> Decimal | None:
    """The rough cost as a first requested amount, where the programme could grant it."""
    if 0 < idea.rough_cost <= idea.programme.max_amount:
        return idea.rough_cost
    return None


def _conclude(*, idea: Idea, user, status: IdeaStatus, message: str) -> Idea:
    if not message.strip():
        raise ValidationError(
            {"outcome_message": _("Bitte schreiben Sie der Organisation eine Nachricht.")}
        )
    before = {"status": idea.status}
    idea.status = status
    idea.outcome_message = message
    idea.concluded_by = user
    idea.concluded_at = timezone.now()
    idea.full_clean()
    idea.save()
    audit_record(
        actor=user,
        action=f"grants.idea.{status.value}",
        obj=idea,
        before=before,
        after={
            "status": idea.status,
            "referred_to": idea.referred_to_id,
            "message": message,
        },
    )
    return idea
