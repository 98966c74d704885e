"""The budget check: Finanzen plans which budget lines carry an application."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from budgeting.models import BudgetAllocation, BudgetLine
from budgeting.selectors import allocations_of, commitments_of
from core.audit import audit_record
from core.formatting import format_euro
from core.money import ZERO, round_money
from grants.models import Application

from .locks import lock_application


def allocation_errors(
    application: Application, allocations: list[tuple[BudgetLine, Decimal]]
) -> list[str]:
    """Why a plan cannot be recorded; empty if it can."""
    if application.requested_amount is None:
        return [_("Der Antrag nennt keine beantragte Förderung.")]
    if not allocations:
        return [_("Bitte mindestens eine Haushaltsstelle mit einem Betrag angeben.")]
    errors = []
    seen = set()
    for line, amount in allocations:
        if amount <= ZERO or amount != round_money(amount):
            errors.append(
                _("Der Betrag für die Haushaltsstelle %(line)s muss ein positiver Centbetrag sein.")
                % {"line": line}
            )
        if line.programme_id != application.call.programme_id:
            errors.append(
                _("Die Haushaltsstelle %(line)s gehört nicht zum Förderprogramm des Antrags.")
                % {"line": line}
            )
        if line.pk in seen:
            errors.append(
                _("Die Haushaltsstelle %(line)s ist mehrfach angegeben.") % {"line": line}
            )
        seen.add(line.pk)
    total = sum((amount for _line, amount in allocations), ZERO)
    if total != application.requested_amount:
        errors.append(
            _("Die Beträge ergeben %(total)s, beantragt sind %(requested)s.")
            % {"total": format_euro(total), "requested": format_euro(application.requested_amount)}
        )
    return errors


def as_record(allocation: BudgetAllocation) -> dict:
    return {"budget_line": allocation.budget_line_id, "amount": allocation.amount}


def budget_check_record(
    *, application: Application, user, allocations: list[tuple[BudgetLine, Decimal]]
) -> list[BudgetAllocation]:
    """Replace the application's plan of budget lines; free funds are checked at commit."""
    with transaction.atomic():
        application = lock_application(application)
        if commitments_of(application).exists():
            raise ValidationError(
                _("Für diesen Antrag sind bereits Mittel gebunden; die Planung ist abgeschlossen.")
            )
        errors = allocation_errors(application, allocations)
        if errors:
            raise ValidationError(errors)
        before = [as_record(allocation) for allocation in allocations_of(application)]
        BudgetAllocation.objects.filter(application=application).delete()
        created = []
        for line, amount in allocations:
            allocation = BudgetAllocation(
                application=application,
                budget_line=line,
                amount=round_money(amount),
                planned_by=user,
            )
            allocation.full_clean()
            allocation.save()
            created.append(allocation)
        audit_record(
            actor=user,
            action="budgeting.allocation.recorded",
            obj=application,
            before={"allocations": before},
            after={"allocations": [as_record(allocation) for allocation in created]},
        )
    return created
