"""Verfahren: the frozen copy of a programme's procedure that a case (or an idea) runs under."""

from django.db import transaction

from grants.models import PROCEDURE_FIELDS, CaseProcedure, Programme


def case_procedure_fix(*, programme: Programme) -> CaseProcedure:
    """Copy the procedure now in force for the programme; later changes of the programme leave
    the copy as it is. Refused (ValidationError) if the programme's options do not fit together."""
    with transaction.atomic():
        procedure = CaseProcedure(
            programme=programme,
            **{field: getattr(programme, field) for field in PROCEDURE_FIELDS},
        )
        procedure.full_clean()
        procedure.save()
    return procedure


def procedure_summary(procedure: CaseProcedure) -> dict:
    """The options of a frozen procedure, for the audit log."""
    return {"id": procedure.pk, **{field: getattr(procedure, field) for field in PROCEDURE_FIELDS}}
