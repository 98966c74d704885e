"""The budgeting part of a person's data export: money requested, paid, settled and claimed
back on their organisations' applications."""

from budgeting.models import GrantSettlement, LedgerEntry, PaymentRequest, RefundClaim, Repayment
from core.privacy.people import PeopleLabels
from core.privacy.sections import ExportFile, ExportSection
from core.privacy.serialise import records

# (table name, model, filter to the applications, audited) in the order of the JSON file.
TABLES = [
    ("payment_requests", PaymentRequest, "application__in", True),
    ("settlements", GrantSettlement, "application__in", True),
    ("refund_claims", RefundClaim, "application__in", True),
    ("repayments", Repayment, "claim__application__in", False),
    ("ledger_entries", LedgerEntry, "application__in", False),
]


def budgeting_section(applications, people: PeopleLabels) -> ExportSection:
    section = ExportSection()
    for name, model, lookup, audited in TABLES:
        objects = list(model.objects.filter(**{lookup: applications}).order_by("pk"))
        rows = records(objects, people)
        if model is RefundClaim:
            for row, claim in zip(rows, objects, strict=True):
                row["notice_file"] = _refund_notice(section, claim)
        section.add(name, rows, model=model, objects=objects if audited else ())
    return section


def _refund_notice(section: ExportSection, claim: RefundClaim) -> str | None:
    if not claim.notice_file:
        return None
    name = f"dateien/rueckforderungen/Rueckforderungsbescheid-{claim.application_id}-{claim.pk}.pdf"
    section.files.append(ExportFile(claim.notice_file.name, name))
    return name
